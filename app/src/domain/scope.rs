//! What a person can follow by e-mail, and how often they want to hear about it.
use serde::{Deserialize, Serialize};

/// Topics a procedure is filed under; the same list serves procedures and subscriptions.
/// Labels are `topic.<slug>` in the message catalogs.
pub const TOPICS: [&str; 8] = [
    "bauleitplanung",
    "verkehr",
    "umwelt",
    "energie",
    "wirtschaft",
    "soziales",
    "bildung",
    "digitales",
];

/// One thing to follow. Its key (`organization:<id>`, `topic:verkehr`, `area:01067`,
/// `procedure:<id>`, `comment:<id>`) is what events are matched against. A comment's
/// author follows it to hear of replies and of the authority's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Organization(String),
    Topic(String),
    Area(String),
    Procedure(String),
    Comment(String),
}

impl Scope {
    pub fn key(&self) -> String {
        match self {
            Scope::Organization(id) => format!("organization:{id}"),
            Scope::Topic(slug) => format!("topic:{slug}"),
            Scope::Area(area) => format!("area:{area}"),
            Scope::Procedure(id) => format!("procedure:{id}"),
            Scope::Comment(id) => format!("comment:{id}"),
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        let (kind, value) = key.split_once(':')?;
        let value = value.to_string();
        Some(match kind {
            "organization" => Scope::Organization(value),
            "topic" => Scope::Topic(value),
            "area" => Scope::Area(value),
            "procedure" => Scope::Procedure(value),
            "comment" => Scope::Comment(value),
            _ => return None,
        })
    }

    /// A topic from the fixed list.
    pub fn topic(input: &str) -> Result<Self, &'static str> {
        let slug = input.trim();
        if TOPICS.contains(&slug) {
            Ok(Scope::Topic(slug.to_string()))
        } else {
            Err("error.subscription.topic")
        }
    }

    /// A postal code (five digits) or the name of a municipality, normalized so that
    /// `Dresden ` and `dresden` are one subscription.
    pub fn area(input: &str) -> Result<Self, &'static str> {
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err("error.subscription.area");
        }
        let is_postal_code = s.len() == 5 && s.chars().all(|c| c.is_ascii_digit());
        let is_place = s.chars().count() <= 60
            && s.chars().any(char::is_alphabetic)
            && s.chars().all(|c| c.is_alphabetic() || " -.'()".contains(c));
        if is_postal_code || is_place {
            Ok(Scope::Area(s.to_lowercase()))
        } else {
            Err("error.subscription.area")
        }
    }
}

/// How often a person gets notifications: each at once, or collected into a digest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    #[default]
    Immediate,
    Daily,
    Weekly,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Immediate, Frequency::Daily, Frequency::Weekly];

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Immediate => "immediate",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
        }
    }

    pub fn parse(input: &str) -> Result<Self, &'static str> {
        match input.trim() {
            "immediate" => Ok(Frequency::Immediate),
            "daily" => Ok(Frequency::Daily),
            "weekly" => Ok(Frequency::Weekly),
            _ => Err("error.subscription.frequency"),
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Frequency::Immediate => "subscription.frequency.immediate",
            Frequency::Daily => "subscription.frequency.daily",
            Frequency::Weekly => "subscription.frequency.weekly",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_postal_codes_or_place_names() {
        assert_eq!(Scope::area(" 01067 "), Ok(Scope::Area("01067".into())));
        assert_eq!(
            Scope::area("Frankfurt  am Main"),
            Ok(Scope::Area("frankfurt am main".into()))
        );
        for bad in ["", "0106", "<script>", "123456", "Dresden; DROP"] {
            assert_eq!(Scope::area(bad), Err("error.subscription.area"), "{bad}");
        }
    }

    #[test]
    fn keys_round_trip() {
        for scope in [
            Scope::Organization("7".into()),
            Scope::topic("verkehr").unwrap(),
            Scope::area("01067").unwrap(),
            Scope::Procedure("x".into()),
            Scope::Comment("y".into()),
        ] {
            assert_eq!(Scope::from_key(&scope.key()), Some(scope));
        }
        assert_eq!(Scope::topic("nonsense"), Err("error.subscription.topic"));
    }

    #[test]
    fn frequencies_parse() {
        for f in Frequency::ALL {
            assert_eq!(Frequency::parse(f.as_str()), Ok(f));
        }
        assert!(Frequency::parse("hourly").is_err());
    }
}
