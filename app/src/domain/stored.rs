//! Enums stored as text in the database: `stored_enum!` gives each variant its stored
//! word, `as_str`/`FromStr`/`Display` between them, and (on the server) the sea-orm value
//! type, so an entity's column has the enum's type and a row with a word the enum does
//! not know fails to load with an error instead of becoming a silent default.

/// A word a stored enum does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownWord {
    pub word: String,
    pub of: &'static str,
}

impl std::fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a {}", self.word, self.of)
    }
}

impl std::error::Error for UnknownWord {}

/// `stored_enum! { /// docs  pub enum Status { Draft = "draft", Open = "open" } }`
macro_rules! stored_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        #[cfg_attr(feature = "ssr", sea_orm(value_type = "String"))]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The word stored in the database and sent by forms.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $word ),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::stored::UnknownWord;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim() {
                    $( $word => Ok($name::$variant), )+
                    other => Err($crate::domain::stored::UnknownWord {
                        word: other.to_string(),
                        of: stringify!($name),
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use stored_enum;

#[cfg(test)]
mod tests {
    super::stored_enum! {
        /// A test enum.
        pub enum Colour { Red = "red", Green = "green" }
    }

    #[test]
    fn words_round_trip_and_unknown_words_fail() {
        for c in Colour::ALL {
            assert_eq!(c.as_str().parse::<Colour>(), Ok(*c));
            assert_eq!(c.to_string(), c.as_str());
        }
        assert!("blue".parse::<Colour>().is_err());
        assert!("".parse::<Colour>().is_err());
    }
}
