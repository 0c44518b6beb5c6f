//! The comments of a procedure as its staff see them: with the author's data and
//! status, the exports, and a form per comment for the official answer.
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{FormMessages, FormState, PostForm, SubmitButton, TextArea};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::components::text::PlainText;
use crate::consultations::api::list_staff_comments;
use crate::consultations::types::StaffComment;
use crate::contributions::api::AnswerComment;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffComments() -> impl IntoView {
    let params = use_params_map();
    let list = Resource::new_blocking(
        move || params.read().get("id").unwrap_or_default(),
        list_staff_comments,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = match list.await {
                    Ok(l) => l,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let lang = use_lang();
                let id = list.procedure_id.clone();
                view! {
                    <PageHeading title=lang.tf("page.staff_comments", &[("title", &list.procedure_title)]) />
                    <ul class="links">
                        <li><A href=format!("/verwaltung/verfahren/{id}")>{t("staff.back_to_procedure")}</A></li>
                        <li><a href=format!("/verwaltung/verfahren/{id}/beitraege.csv") rel="external" download="">{t("staff.export.csv")}</a></li>
                        <li><a href=format!("/verwaltung/verfahren/{id}/beitraege.xlsx") rel="external" download="">{t("staff.export.xlsx")}</a></li>
                    </ul>
                    {if list.comments.is_empty() {
                        view! { <p>{t("procedure.comments.none")}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="comments comments--staff">
                                {list.comments.into_iter().map(|c| view! { <li><Item c /></li> }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Item(c: StaffComment) -> impl IntoView {
    let site = use_site();
    let lang = use_lang();
    // Each answer form has its own name, so its reply shows at this form only.
    let form = FormState::new(
        &format!("comment-answer-{}", c.id),
        site.get_untracked().flash,
    );
    let head_id = format!("staff-beitrag-{}", c.number);
    let number = lang.tf("comment.number", &[("n", &c.number.to_string())]);
    let published = c.status == "comment.status.published";
    let labelled_by = head_id.clone();
    let (answer_id, field_id) = (c.id.clone(), format!("answer-{}", c.id));
    view! {
        <article class="comment" aria-labelledby=labelled_by>
            <header class="comment__head" id=head_id>
                <strong>{number.clone()}</strong> " · " {c.author.clone()}
                {c.email.clone().map(|e| view! { " <" {e} ">" })}
                {c.has_account.then(|| view! { " · " {t("staff.comment.account")} })}
                " · " {c.date.clone()} " · " {t(&c.status)}
            </header>
            <p class="comment__meta">
                {c.section.clone().map(|s| lang.tf("comment.on_section", &[("section", &s)]))}
                {c.reply_to.map(|n| view! { " " {lang.tf("staff.comment.reply_to", &[("n", &n.to_string())])} })}
                " " {lang.tf("comment.supports", &[("n", &c.supports.to_string())])}
                {(c.reports > 0).then(|| view! { " · " {lang.tf("staff.comment.reports", &[("n", &c.reports.to_string())])} })}
            </p>
            <div class="comment__body"><PlainText text=c.body.clone() /></div>
            {published.then(|| view! {
                <PostForm action=AnswerComment::PATH novalidate=true>
                    <FormMessages form=form.clone() />
                    <input type="hidden" name="id" value=answer_id />
                    <TextArea form=form.clone() name="answer" id=field_id label="staff.comment.answer" rows=4 value=c.answer.clone().unwrap_or_default() />
                    <SubmitButton label="staff.comment.answer.submit" />
                </PostForm>
            })}
        </article>
    }
}
