use crate::domain::FormReply;
use leptos::prelude::*;

/// Saves the results report; it is published with the step to "concluded".
#[server(endpoint = "results-save")]
pub async fn save_results(id: String, results: String) -> Result<FormReply, ServerFnError> {
    use crate::procedures::service::status;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let m = super::changeable(&req, &id).await?;
        status::save_results(&req.state, &m, &results).await?;
        Ok(Done::Notice("notice.results.saved"))
    }
    .await;
    finish(&req, "results-save", result, &[("results", &results)])
}
