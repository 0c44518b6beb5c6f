//! The paths the security middleware treats specially, in one table: how large a body
//! each may send, and the one POST authorized by a signed token instead of the session
//! (so it needs no Origin). Routes and middleware both read from here.

/// The one-click unsubscribe (RFC 8058): mail providers POST to it from their servers,
/// without an Origin; the signed token in its URL authorizes it.
pub const UNSUBSCRIBE: &str = "/benachrichtigungen/abmelden";

/// Largest body of an ordinary form (a comment of 5,000 characters fits, percent-encoded).
pub const MAX_FORM_BYTES: usize = 64 * 1024;
/// Staff forms that carry long texts (a procedure's description, a text document, the
/// results): up to 1 MiB.
pub const MAX_LONG_FORM_BYTES: usize = 1024 * 1024;
/// A PDF upload: the file (at most 20 MB, checked with its own message) and the form.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;
/// An objection with its PDFs (at most 10 MB together, checked with its own message, the
/// input kept) and room for the form; beyond it the body breaks off.
pub const MAX_OBJECTION_BYTES: usize =
    app::permits::service::objections::MAX_ATTACHMENT_BYTES + 2 * 1024 * 1024;

enum Pattern {
    Exact(&'static str),
    /// A prefix and a suffix, e.g. `/verwaltung/verfahren/` … `/dokumente`.
    Around(&'static str, &'static str),
}

impl Pattern {
    fn matches(&self, path: &str) -> bool {
        match self {
            Pattern::Exact(p) => path == *p,
            Pattern::Around(prefix, suffix) => {
                path.len() > prefix.len() + suffix.len()
                    && path.starts_with(prefix)
                    && path.ends_with(suffix)
            }
        }
    }
}

/// What a path may do differently from the default (a form of `MAX_FORM_BYTES` that
/// must carry this site's Origin).
pub struct Rule {
    pub body_limit: usize,
    /// Authorized by a signed token in the URL, not the session cookie: no Origin check.
    pub signed_link: bool,
}

const DEFAULT: Rule = Rule {
    body_limit: MAX_FORM_BYTES,
    signed_link: false,
};

const RULES: &[(Pattern, Rule)] = &[
    (
        Pattern::Exact("/api/procedure-create"),
        Rule {
            body_limit: MAX_LONG_FORM_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Exact("/api/procedure-update"),
        Rule {
            body_limit: MAX_LONG_FORM_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Exact("/api/document-text-add"),
        Rule {
            body_limit: MAX_LONG_FORM_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Exact("/api/results-save"),
        Rule {
            body_limit: MAX_LONG_FORM_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Around("/verwaltung/verfahren/", "/dokumente"),
        Rule {
            body_limit: MAX_UPLOAD_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Around("/petitionen/", "/anhaenge"),
        Rule {
            body_limit: MAX_UPLOAD_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Around("/verwaltung/petitionen/", "/papierlisten"),
        Rule {
            body_limit: MAX_UPLOAD_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Around("/genehmigungen/", "/einwendungen"),
        Rule {
            body_limit: MAX_OBJECTION_BYTES,
            signed_link: false,
        },
    ),
    // Staff forms of permit procedures with long texts (the announcement, the decision,
    // an objection entered from paper, a response in the weighing table).
    (
        Pattern::Exact("/api/permit-save"),
        Rule {
            body_limit: MAX_LONG_FORM_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Exact("/api/permit-decision"),
        Rule {
            body_limit: MAX_LONG_FORM_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Exact("/api/permit-objection-enter"),
        Rule {
            body_limit: MAX_LONG_FORM_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Exact("/api/permit-topic-response"),
        Rule {
            body_limit: MAX_LONG_FORM_BYTES,
            signed_link: false,
        },
    ),
    (
        Pattern::Exact(UNSUBSCRIBE),
        Rule {
            body_limit: MAX_FORM_BYTES,
            signed_link: true,
        },
    ),
];

/// The rule of a request path.
pub fn rule(path: &str) -> &'static Rule {
    RULES
        .iter()
        .find(|(pattern, _)| pattern.matches(path))
        .map(|(_, rule)| rule)
        .unwrap_or(&DEFAULT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_gets_its_rule() {
        assert_eq!(rule("/api/comment").body_limit, MAX_FORM_BYTES);
        assert_eq!(
            rule("/api/procedure-update").body_limit,
            MAX_LONG_FORM_BYTES
        );
        assert_eq!(
            rule("/verwaltung/verfahren/123/dokumente").body_limit,
            MAX_UPLOAD_BYTES
        );
        assert_eq!(
            rule("/verwaltung/verfahren/dokumente").body_limit,
            MAX_FORM_BYTES
        );
        assert_eq!(
            rule("/petitionen/123/anhaenge").body_limit,
            MAX_UPLOAD_BYTES
        );
        assert_eq!(
            rule("/verwaltung/petitionen/123/papierlisten").body_limit,
            MAX_UPLOAD_BYTES
        );
        assert_eq!(
            rule("/genehmigungen/123/einwendungen").body_limit,
            MAX_OBJECTION_BYTES
        );
        assert_eq!(rule("/api/permit-save").body_limit, MAX_LONG_FORM_BYTES);
        assert!(rule(UNSUBSCRIBE).signed_link);
        assert!(!rule("/api/comment").signed_link);
        assert!(!rule("/benachrichtigungen/abmelden/x").signed_link);
    }
}
