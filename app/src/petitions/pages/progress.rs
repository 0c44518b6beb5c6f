//! The progress toward the quorum: a `<progress>` element (read out by screen readers
//! with its label) and the same in words, so nobody depends on the bar.
use crate::components::site::use_lang;
use crate::domain::text::thousands;
use leptos::prelude::*;

#[component]
pub fn QuorumProgress(id: String, count: i32, quorum: i32, progress: u32) -> impl IntoView {
    let lang = use_lang();
    let sep = lang.t("form.thousands_separator");
    let words = lang.tf(
        "petition.progress",
        &[
            ("count", &thousands(count.max(0) as usize, sep)),
            ("quorum", &thousands(quorum.max(0) as usize, sep)),
            ("percent", &progress.to_string()),
        ],
    );
    let label_id = format!("{id}-label");
    view! {
        <div class="quorum">
            <p class="quorum__text" id=label_id.clone()>{words}</p>
            <progress id=id max="100" value=progress.to_string() aria-labelledby=label_id>
                {format!("{progress} %")}
            </progress>
        </div>
    }
}
