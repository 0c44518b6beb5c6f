//! Permit procedures: one server function per read and per staff action. Filing an
//! objection is a multipart form with attachments (a route of the server crate).
use crate::domain::FormReply;
use crate::permits::rules::PermitForm;
use crate::permits::types::{PermitPage, Receipt, ReceiptCheck, Register, StaffPermit};
use leptos::prelude::*;

/// The public page of a permit procedure.
#[server(endpoint = "permit", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_permit(id: String) -> Result<PermitPage, ServerFnError> {
    use crate::permits::service::read;
    let req = crate::request::request().await?;
    req.answer(read::page(
        &req.state,
        &req.tenant,
        req.user.as_ref(),
        &id,
        req.lang,
    ))
    .await
}

/// An objection's receipt, behind the link its objector got.
#[server(endpoint = "permit-receipt", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_receipt(token: String) -> Result<Receipt, ServerFnError> {
    use crate::permits::service::receipts;
    let req = crate::request::request().await?;
    req.answer(receipts::receipt(&req.state, &req.tenant, &token, req.lang))
        .await
}

/// The public check of a receipt's code (empty: the form only).
#[server(endpoint = "permit-receipt-check", input = leptos::server_fn::codec::GetUrl)]
pub async fn check_receipt(code: String) -> Result<ReceiptCheck, ServerFnError> {
    use crate::permits::service::receipts;
    let req = crate::request::request().await?;
    if code.trim().is_empty() {
        return Ok(ReceiptCheck {
            public_key: req.state.settings.receipt_key.public_key(),
            ..Default::default()
        });
    }
    req.answer(receipts::check(&req.state, &req.tenant, &code, req.lang))
        .await
}

/// The staff page of a permit procedure (`id` empty: the form for a new one).
#[server(endpoint = "permit-staff", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_staff_permit(id: String) -> Result<StaffPermit, ServerFnError> {
    use crate::permits::service::read;
    let req = crate::request::request().await?;
    req.answer(async { read::staff_page(&req.state, &req.tenant, &req.staff()?, &id).await })
        .await
}

/// The objection register.
#[server(endpoint = "permit-register", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_register(id: String) -> Result<Register, ServerFnError> {
    use crate::permits::service::read;
    let req = crate::request::request().await?;
    req.answer(async {
        read::register(&req.state, &req.tenant, &req.staff()?, &id, req.lang).await
    })
    .await
}

#[cfg(feature = "ssr")]
fn kept(form: &PermitForm) -> Vec<(&'static str, String)> {
    vec![
        ("organization", form.organization.clone()),
        ("title", form.title.clone()),
        ("summary", form.summary.clone()),
        ("applicant", form.applicant.clone()),
        ("installation", form.installation.clone()),
        ("site_address", form.site_address.clone()),
        ("latitude", form.latitude.clone()),
        ("longitude", form.longitude.clone()),
        ("ied", form.ied.clone()),
        ("uvp", form.uvp.clone()),
        ("office_address", form.office_address.clone()),
        ("office_hours", form.office_hours.clone()),
        ("display_start", form.display_start.clone()),
        ("announcement", form.announcement.clone()),
        ("contact", form.contact.clone()),
    ]
}

/// Creates a permit procedure (`id` empty) or saves its fields.
#[server(endpoint = "permit-save")]
pub async fn save_permit(
    #[server(default)] id: String,
    #[server(flatten)] form: PermitForm,
) -> Result<FormReply, ServerFnError> {
    use crate::permits::service::staff;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let me = req.staff()?;
        if id.trim().is_empty() {
            let new = staff::create(&req.state, &req.tenant, &me, &form).await?;
            Ok(Done::RedirectTo(
                format!("/verwaltung/genehmigungen/{new}"),
                "notice.permit.created",
            ))
        } else {
            staff::update(&req.state, &req.tenant, &me, &id, &form).await?;
            Ok(Done::Notice("notice.permit.saved"))
        }
    }
    .await;
    let kept = kept(&form);
    let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (*k, v.as_str())).collect();
    finish(&req, "permit", result, &kept)
}

/// Overrides computed dates, with a reason.
#[server(endpoint = "permit-dates")]
pub async fn override_permit_dates(
    id: String,
    #[server(default)] display_end: String,
    #[server(default)] objection_deadline: String,
    #[server(default)] reason: String,
) -> Result<FormReply, ServerFnError> {
    use crate::permits::service::staff;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        staff::override_dates(
            &req.state,
            &req.tenant,
            &req.staff()?,
            &id,
            &display_end,
            &objection_deadline,
            &reason,
        )
        .await?;
        Ok(Done::Notice("notice.permit.dates_saved"))
    }
    .await;
    finish(
        &req,
        "permit-dates",
        result,
        &[
            ("display_end", &display_end),
            ("objection_deadline", &objection_deadline),
            ("reason", &reason),
        ],
    )
}

/// Records whether a hearing is held (and if so when and where).
#[server(endpoint = "permit-hearing")]
pub async fn decide_permit_hearing(
    id: String,
    #[server(default)] hearing: String,
    #[server(default)] hearing_reason: String,
    #[server(default)] hearing_at: String,
    #[server(default)] hearing_place: String,
) -> Result<FormReply, ServerFnError> {
    use crate::permits::service::decision;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        decision::decide_hearing(
            &req.state,
            &req.tenant,
            &req.staff()?,
            &id,
            &hearing,
            &hearing_reason,
            &hearing_at,
            &hearing_place,
        )
        .await?;
        Ok(Done::Notice("notice.permit.hearing_saved"))
    }
    .await;
    finish(
        &req,
        "permit-hearing",
        result,
        &[
            ("hearing", &hearing),
            ("hearing_reason", &hearing_reason),
            ("hearing_at", &hearing_at),
            ("hearing_place", &hearing_place),
        ],
    )
}

/// Publishes the decision and notifies the objectors.
#[server(endpoint = "permit-decision")]
pub async fn publish_permit_decision(
    id: String,
    #[server(default)] decision: String,
    #[server(default)] announced: String,
    #[server(default)] by_announcement: Option<String>,
) -> Result<FormReply, ServerFnError> {
    use crate::permits::service::decision;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        decision::publish_decision(
            &req.state,
            &req.tenant,
            &req.staff()?,
            &id,
            &decision,
            &announced,
            by_announcement.is_some(),
        )
        .await?;
        Ok(Done::Notice("notice.permit.decision_published"))
    }
    .await;
    finish(
        &req,
        "permit-decision",
        result,
        &[
            ("decision", &decision),
            ("announced", &announced),
            ("by_announcement", by_announcement.as_deref().unwrap_or("")),
        ],
    )
}

/// An objection that came on paper or by e-mail, entered by staff.
#[server(endpoint = "permit-objection-enter")]
#[allow(clippy::too_many_arguments)]
pub async fn enter_objection(
    id: String,
    #[server(default)] name: String,
    #[server(default)] address: String,
    #[server(default)] email: String,
    #[server(default)] text: String,
    #[server(default)] channel: String,
    #[server(default)] received_at: String,
    #[server(default)] signers: String,
    #[server(default)] representative: String,
) -> Result<FormReply, ServerFnError> {
    use crate::permits::rules::ObjectionForm;
    use crate::permits::service::objections::{self, Entered};
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let form = ObjectionForm {
        name: name.clone(),
        address: address.clone(),
        email: email.clone(),
        text: text.clone(),
        no_third_parties: String::new(),
    };
    let result = async {
        let entered = Entered {
            channel: &channel,
            received_at: &received_at,
            signers: &signers,
            representative: &representative,
        };
        objections::enter(
            &req.state,
            &req.tenant,
            &req.staff()?,
            &id,
            &form,
            entered,
            req.lang,
        )
        .await?;
        Ok(Done::Notice("notice.permit.objection_entered"))
    }
    .await;
    finish(
        &req,
        "permit-objection",
        result,
        &[
            ("name", &name),
            ("address", &address),
            ("email", &email),
            ("text", &text),
            ("channel", &channel),
            ("received_at", &received_at),
            ("signers", &signers),
            ("representative", &representative),
        ],
    )
}

/// A topic of the weighing table.
#[server(endpoint = "permit-topic")]
pub async fn add_permit_topic(
    id: String,
    #[server(default)] topic_name: String,
) -> Result<FormReply, ServerFnError> {
    use crate::permits::service::objections;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        objections::add_topic(&req.state, &req.tenant, &req.staff()?, &id, &topic_name).await?;
        Ok(Done::Notice("notice.permit.topic_added"))
    }
    .await;
    finish(&req, "permit-topic", result, &[("topic_name", &topic_name)])
}

/// The response to one topic's objections.
#[server(endpoint = "permit-topic-response")]
pub async fn respond_permit_topic(
    id: String,
    topic: String,
    #[server(default)] response: String,
) -> Result<FormReply, ServerFnError> {
    use crate::permits::service::objections;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        objections::respond(
            &req.state,
            &req.tenant,
            &req.staff()?,
            &id,
            &topic,
            &response,
        )
        .await?;
        Ok(Done::Notice("notice.permit.response_saved"))
    }
    .await;
    finish(
        &req,
        &format!("permit-topic-{topic}"),
        result,
        &[("response", &response)],
    )
}

/// Files an objection under a topic.
#[server(endpoint = "permit-objection-tag")]
pub async fn tag_objection(
    id: String,
    objection: String,
    #[server(default)] topic: String,
) -> Result<FormReply, ServerFnError> {
    use crate::permits::service::objections;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        objections::tag(
            &req.state,
            &req.tenant,
            &req.staff()?,
            &id,
            &objection,
            &topic,
        )
        .await?;
        Ok(Done::Notice("notice.permit.tagged"))
    }
    .await;
    finish(&req, "permit-tag", result, &[])
}
