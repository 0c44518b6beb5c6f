use crate::domain::FormReply;
use crate::petitions::types::{AddresseeView, StaffPetition, StaffPetitionItem};
use leptos::prelude::*;

/// The petitions to the addressees these staff handle.
#[server(endpoint = "staff-petitions", input = leptos::server_fn::codec::GetUrl)]
pub async fn staff_petitions() -> Result<Vec<StaffPetitionItem>, ServerFnError> {
    use crate::petitions::service::staff;
    let req = crate::request::request().await?;
    req.answer(async { staff::list(&req.state, &req.tenant, &req.staff()?).await })
        .await
}

/// The staff page of one petition.
#[server(endpoint = "staff-petition", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_staff_petition(id: String) -> Result<StaffPetition, ServerFnError> {
    use crate::petitions::service::staff;
    let req = crate::request::request().await?;
    req.answer(async { staff::page(&req.state, &req.tenant, &req.staff()?, &id, req.lang).await })
        .await
}

/// One signature from a paper list.
#[server(endpoint = "petition-paper")]
pub async fn add_paper_signature(
    id: String,
    #[server(default)] name: String,
    #[server(default)] postal_code: String,
    #[server(default)] place: String,
) -> Result<FormReply, ServerFnError> {
    use crate::petitions::service::staff;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        staff::add_paper(
            &req.state,
            &req.tenant,
            &req.staff()?,
            &id,
            &name,
            &postal_code,
            &place,
        )
        .await?;
        Ok(Done::Notice("notice.paper.added"))
    }
    .await;
    finish(
        &req,
        "paper",
        result,
        &[
            ("name", &name),
            ("postal_code", &postal_code),
            ("place", &place),
        ],
    )
}

/// Records the hand-over to the addressee.
#[server(endpoint = "petition-hand-over")]
pub async fn hand_over_petition(
    id: String,
    #[server(default)] note: String,
) -> Result<FormReply, ServerFnError> {
    use crate::petitions::service::staff;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        staff::hand_over(&req.state, &req.tenant, &req.staff()?, &id, &note).await?;
        Ok(Done::Notice("notice.petition.handed_over"))
    }
    .await;
    finish(&req, "handover", result, &[("note", &note)])
}

/// Publishes the addressee's response.
#[server(endpoint = "petition-respond")]
pub async fn respond_to_petition(
    id: String,
    #[server(default)] response: String,
) -> Result<FormReply, ServerFnError> {
    use crate::petitions::service::staff;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        staff::respond(&req.state, &req.tenant, &req.staff()?, &id, &response).await?;
        Ok(Done::Notice("notice.petition.answered"))
    }
    .await;
    finish(&req, "response", result, &[("response", &response)])
}

/// The addressees of this tenant (tenant admins configure them).
#[server(endpoint = "petition-addressees", input = leptos::server_fn::codec::GetUrl)]
pub async fn petition_addressees()
-> Result<(Vec<AddresseeView>, Vec<(String, String)>), ServerFnError> {
    use crate::petitions::service::addressees;
    let req = crate::request::request().await?;
    req.answer(async {
        req.tenant_admin()?;
        let list = addressees::list(&req.state.db, req.tenant.id).await?;
        let orgs = addressees::organizations(&req.state.db, req.tenant.id).await?;
        Ok((list, orgs))
    })
    .await
}

/// Adds an addressee with its quorum and longest signing period.
#[server(endpoint = "petition-addressee-add")]
pub async fn add_petition_addressee(
    #[server(default)] name: String,
    #[server(default)] organization: String,
    #[server(default)] quorum: String,
    #[server(default)] max_weeks: String,
) -> Result<FormReply, ServerFnError> {
    use crate::petitions::service::addressees;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let admin = req.tenant_admin()?;
        addressees::add(
            &req.state,
            &req.tenant,
            &admin,
            &name,
            &organization,
            &quorum,
            &max_weeks,
        )
        .await?;
        Ok(Done::Notice("notice.addressee.added"))
    }
    .await;
    finish(
        &req,
        "addressee",
        result,
        &[
            ("name", &name),
            ("organization", &organization),
            ("quorum", &quorum),
            ("max_weeks", &max_weeks),
        ],
    )
}
