//! Message catalogs: every text the user reads comes from `de/*.ftl` or `en/*.ftl`
//! (one `key = text` per line), never from a component. One pair of files per area
//! (`core` for what every page needs). German is the default.
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    De,
    En,
}

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "mitwirken_lang";

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().get(..2)?.to_ascii_lowercase().as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, offered by the language switch.
    pub fn other(self) -> Self {
        match self {
            Lang::De => Lang::En,
            Lang::En => Lang::De,
        }
    }

    /// Picks the language from the cookie, else from `Accept-Language`, else German.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Self {
        if let Some(lang) = cookie.and_then(Lang::from_code) {
            return lang;
        }
        accept_language
            .and_then(|header| {
                header
                    .split(',')
                    .find_map(|part| Lang::from_code(part.split(';').next()?))
            })
            .unwrap_or_default()
    }

    /// The text for `key`; a missing key shows as `[?]`, and a
    /// unit test keeps that from ever shipping.
    pub fn t(self, key: &str) -> &'static str {
        let catalog = match self {
            Lang::De => catalog(&DE, DE_FILES),
            Lang::En => catalog(&EN, EN_FILES),
        };
        catalog.get(key).copied().unwrap_or("[?]")
    }

    /// `t` with `{name}` placeholders filled in.
    pub fn tf(self, key: &str, args: &[(&str, &str)]) -> String {
        args.iter()
            .fold(self.t(key).to_string(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

/// The catalog files of a language, one per area.
macro_rules! catalog_files {
    ($lang:literal) => {
        &[
            include_str!(concat!($lang, "/core.ftl")),
            include_str!(concat!($lang, "/account.ftl")),
            include_str!(concat!($lang, "/admin.ftl")),
            include_str!(concat!($lang, "/subscriptions.ftl")),
            include_str!(concat!($lang, "/procedures.ftl")),
            include_str!(concat!($lang, "/contributions.ftl")),
            include_str!(concat!($lang, "/consultations.ftl")),
            include_str!(concat!($lang, "/petitions.ftl")),
            include_str!(concat!($lang, "/permits.ftl")),
        ]
    };
}

const DE_FILES: &[&str] = catalog_files!("de");
const EN_FILES: &[&str] = catalog_files!("en");

static DE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
static EN: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();

fn catalog(
    cell: &'static OnceLock<HashMap<&'static str, &'static str>>,
    files: &'static [&'static str],
) -> &'static HashMap<&'static str, &'static str> {
    cell.get_or_init(|| parse_catalog(files))
}

fn parse_catalog(files: &'static [&'static str]) -> HashMap<&'static str, &'static str> {
    files
        .iter()
        .flat_map(|source| source.lines())
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(files: &'static [&'static str]) -> BTreeSet<&'static str> {
        parse_catalog(files).into_keys().collect()
    }

    #[test]
    fn both_catalogs_have_the_same_keys() {
        let de = keys(DE_FILES);
        let en = keys(EN_FILES);
        assert_eq!(
            de.difference(&en).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "missing in en.ftl"
        );
        assert_eq!(
            en.difference(&de).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "missing in de.ftl"
        );
    }

    #[test]
    fn no_key_is_in_two_files() {
        for files in [DE_FILES, EN_FILES] {
            let mut seen = BTreeSet::new();
            for source in files {
                for key in parse_catalog(std::slice::from_ref(source)).into_keys() {
                    assert!(seen.insert(key), "{key} is in two catalog files");
                }
            }
        }
    }

    /// Every `"some.key"` literal in the source that looks like a message key must exist.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let de = keys(DE_FILES);
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for literal in text.split('"').skip(1).step_by(2) {
                        let prefix = literal.split('.').next().unwrap_or("");
                        let is_key = literal.contains('.')
                            && !literal.contains(' ')
                            && KEY_PREFIXES.contains(&prefix);
                        if is_key && !de.contains(literal) && !literal.ends_with('.') {
                            missing.push(format!("{}: {literal}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys without a text: {missing:#?}");
    }

    const KEY_PREFIXES: &[&str] = &[
        "error",
        "nav",
        "page",
        "form",
        "notice",
        "role",
        "mail",
        "footer",
        "account",
        "admin",
        "subscription",
        "home",
        "legal",
        "procedure",
        "procedures",
        "permit",
        "comment",
        "staff",
        "moderation",
        "audit",
        "time",
        "export",
        "pagination",
        "plain",
        "petition",
        "petitions",
        "signature",
        "stance",
        "debate",
        "review",
        "addressee",
        "addressees",
        "staff_petition",
        "staff_petitions",
    ];

    #[test]
    fn negotiates_cookie_then_header_then_german() {
        assert_eq!(Lang::negotiate(Some("en"), Some("de-DE")), Lang::En);
        assert_eq!(
            Lang::negotiate(None, Some("fr-FR, en-GB;q=0.8, de;q=0.5")),
            Lang::En
        );
        assert_eq!(Lang::negotiate(None, Some("fr-FR")), Lang::De);
        assert_eq!(Lang::negotiate(Some("xx"), None), Lang::De);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            Lang::De.tf(
                "page.invitation.intro",
                &[
                    ("organization", "LDS"),
                    ("role", "Moderation"),
                    ("email", "a@b.de")
                ]
            ),
            "Sie wurden eingeladen, bei LDS als Moderation mitzuarbeiten (Konto: a@b.de)."
        );
    }
}
