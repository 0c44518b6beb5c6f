//! Who wrote a contribution, as its procedure's rule on who may contribute allows: an
//! account (its name and confirmed address), a name and an address to confirm by mail,
//! or a name only.
use crate::domain::{EmailAddress, FieldErrors, PersonName, WhoMayComment};
use crate::platform::sessions::CurrentUser;
use uuid::Uuid;

/// The author of a contribution, known for sure or to be confirmed.
pub struct Author {
    pub user_id: Option<Uuid>,
    pub name: String,
    /// Confirmed already (an account's) or to be confirmed by mail.
    pub email: Option<String>,
    pub must_confirm: bool,
}

/// The author of a contribution from `name` and `email` as typed (people without an
/// account) or from the logged-in `user`; problems go into `errors`.
pub fn author(
    who: WhoMayComment,
    user: Option<&CurrentUser>,
    name: &str,
    email: &str,
    errors: &mut FieldErrors,
) -> Option<Author> {
    if let Some(u) = user {
        let verified = u.user.email_verified_at.is_some();
        if !verified && who != WhoMayComment::NameOnly {
            errors.add("", "error.comment.verify_first");
            return None;
        }
        return Some(Author {
            user_id: Some(u.user.id),
            name: u.user.display_name.clone(),
            email: verified.then(|| u.user.email.clone()),
            must_confirm: false,
        });
    }
    match who {
        WhoMayComment::Account => {
            errors.add("", "error.comment.login_required");
            None
        }
        WhoMayComment::VerifiedEmail => {
            let name = errors.check("name", PersonName::parse(name));
            let email = errors.check("email", EmailAddress::parse(email));
            Some(Author {
                user_id: None,
                name: name?.into_inner(),
                email: Some(email?.as_str().to_string()),
                must_confirm: true,
            })
        }
        WhoMayComment::NameOnly => {
            let name = errors.check("name", PersonName::parse(name))?;
            Some(Author {
                user_id: None,
                name: name.into_inner(),
                email: None,
                must_confirm: false,
            })
        }
    }
}
