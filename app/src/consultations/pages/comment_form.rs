//! The comment form of a procedure page. What the form asks for follows the procedure's
//! rule on who may comment; the server applies the same rule again.
use crate::components::form::{
    FormMessages, FormState, PostForm, SelectField, SubmitButton, TextArea,
};
use crate::components::site::{t, use_site};
use crate::consultations::api::SubmitComment;
use crate::consultations::rules::CommentBody;
use crate::consultations::types::ProcedurePage as Page;
use crate::contributions::pages::author::{AuthorFields, unavailable};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn CommentForm(
    p: Page,
    /// (id, "1.2 Geltungsbereich") of every section a comment may be on.
    sections: Vec<(String, String)>,
) -> impl IntoView {
    let site = use_site();
    let form = FormState::new("comment", site.get_untracked().flash);
    let blocked = unavailable(p.accepting, p.who_may_comment, &p.viewer);
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), t("comment.form.whole").to_string()))
            .chain(sections.iter().cloned())
            .collect();
    let selected = p.threads.section.as_ref().map(|(id, _)| id.clone());
    view! {
        <section aria-labelledby="kommentieren" class="comment-form">
            <h2 id="kommentieren">{t("comment.form.heading")}</h2>
            {match blocked {
                Some(reason) => reason,
                None => view! {
                    <PostForm action=SubmitComment::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <input type="hidden" name="procedure" value=p.id.clone() />
                        {(!sections.is_empty()).then(|| view! {
                            <SelectField form=form.clone() name="section" label="comment.form.section" options=options.clone() selected=selected.clone().unwrap_or_default() />
                        })}
                        <TextArea form=form.clone() name="body" label="comment.form.body" hint="comment.form.body.hint" max=CommentBody::MAX_CHARS rows=8 required=true />
                        <AuthorFields form=form.clone() who=p.who_may_comment viewer=p.viewer.clone() />
                        {p.pre_moderated.then(|| view! { <p class="field__hint">{t("comment.form.pre_moderated")}</p> })}
                        <p class="field__hint">{t("comment.form.netiquette")}</p>
                        <SubmitButton label="comment.form.submit" />
                    </PostForm>
                }.into_any(),
            }}
        </section>
    }
}
