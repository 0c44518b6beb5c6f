use crate::petitions::types::{
    MyPetition, PetitionCard, PetitionDraft, PetitionFilter, PetitionList, PetitionPage,
};
use leptos::prelude::*;

/// The public list: filters, search, ordering, one page.
#[server(endpoint = "petitions", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_petitions(filter: PetitionFilter) -> Result<PetitionList, ServerFnError> {
    use crate::petitions::service::read;
    let req = crate::request::request().await?;
    req.answer(read::list(&req.state, &req.tenant, filter, req.lang))
        .await
}

/// The petitions open for signing, for the home page.
#[server(endpoint = "petitions-open", input = leptos::server_fn::codec::GetUrl)]
pub async fn open_petitions() -> Result<Vec<PetitionCard>, ServerFnError> {
    use crate::petitions::service::read;
    let req = crate::request::request().await?;
    req.answer(read::open_now(&req.state, &req.tenant, req.lang, 3))
        .await
}

/// Everything on the page of one petition; `order` and `page` are the debate's.
#[server(endpoint = "petition", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_petition(
    id: String,
    order: String,
    page: u32,
) -> Result<PetitionPage, ServerFnError> {
    use crate::petitions::service::read::{self, DebateQuery};
    let req = crate::request::request().await?;
    req.answer(read::page(
        &req.state,
        &req.tenant,
        req.user.as_ref(),
        &id,
        DebateQuery { order, page },
        req.lang,
    ))
    .await
}

/// The person's own petitions.
#[server(endpoint = "petitions-mine", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_petitions() -> Result<Vec<MyPetition>, ServerFnError> {
    use crate::petitions::service::read;
    let req = crate::request::request().await?;
    req.answer(async { read::mine(&req.state, &req.tenant, req.user()?).await })
        .await
}

/// The form to write a petition: new (`id` empty) or one's own draft.
#[server(endpoint = "petition-draft", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_petition_draft(id: String) -> Result<PetitionDraft, ServerFnError> {
    use crate::petitions::service::read;
    let req = crate::request::request().await?;
    req.answer(async { read::draft(&req.state, &req.tenant, req.user()?, &id).await })
        .await
}
