//! Small pages around one comment: reply to it, report it, edit or withdraw one's own,
//! and confirm a comment written without an account. Each shows the comment first.
use crate::components::confirm_link::ConfirmByLink;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{FormMessages, FormState, PostForm, SubmitButton, TextArea};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::components::text::PlainText;
use crate::consultations::api::{
    ConfirmComment as ConfirmFn, EditComment as EditFn, SubmitComment, WithdrawComment,
    load_comment,
};
use crate::consultations::rules::CommentBody;
use crate::consultations::types::CommentContext;
use crate::contributions::api::ReportComment as ReportFn;
use crate::contributions::pages::author::{AuthorFields, unavailable};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Loads the comment of the address and shows `body` with it (or the error page).
fn with_comment<V: IntoView + 'static>(
    body: impl Fn(CommentContext) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let params = use_params_map();
    let comment = Resource::new_blocking(
        move || params.read().get("id").unwrap_or_default(),
        load_comment,
    );
    view! {
        <Suspense>
            {move || {
                let body = body.clone();
                Suspend::new(async move {
                    match comment.await {
                        Ok(c) => body(c).into_any(),
                        Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The comment being answered, reported or edited.
#[component]
fn Quoted(c: CommentContext) -> impl IntoView {
    let lang = use_lang();
    view! {
        <figure class="quoted">
            <blockquote><PlainText text=c.body.clone() /></blockquote>
            <figcaption>
                {c.author.clone()} " · " {lang.tf("comment.number", &[("n", &c.number.to_string())])} " · " {c.date.clone()}
                " · " <A href=format!("/verfahren/{}#beitrag-{}", c.procedure_id, c.number)>{c.procedure_title.clone()}</A>
            </figcaption>
        </figure>
    }
}

#[component]
pub fn ReplyToComment() -> impl IntoView {
    let site = use_site();
    with_comment(move |c: CommentContext| {
        let lang = use_lang();
        let form = FormState::new("reply", site.get_untracked().flash);
        let title = lang.tf("page.reply", &[("number", &c.number.to_string())]);
        let blocked = unavailable(c.accepting, c.who_may_comment, &c.viewer);
        view! {
            <PageHeading title />
            <Quoted c=c.clone() />
            {match blocked {
                Some(reason) => reason,
                None => view! {
                    <PostForm action=SubmitComment::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <input type="hidden" name="procedure" value=c.procedure_id.clone() />
                        <input type="hidden" name="parent" value=c.id.clone() />
                        <input type="hidden" name="back" value="1" />
                        <TextArea form=form.clone() name="body" label="comment.form.reply_body" max=CommentBody::MAX_CHARS rows=6 required=true />
                        <AuthorFields form=form.clone() who=c.who_may_comment viewer=c.viewer.clone() />
                        <SubmitButton label="comment.form.reply_submit" />
                    </PostForm>
                }.into_any(),
            }}
        }
    })
}

#[component]
pub fn ReportComment() -> impl IntoView {
    let site = use_site();
    with_comment(move |c: CommentContext| {
        let lang = use_lang();
        let form = FormState::new("comment-report", site.get_untracked().flash);
        let title = lang.tf("page.report", &[("number", &c.number.to_string())]);
        view! {
            <PageHeading title />
            <Quoted c=c.clone() />
            <p>{t("page.report.intro")}</p>
            {if c.viewer.logged_in {
                view! {
                    <PostForm action=ReportFn::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <input type="hidden" name="id" value=c.id.clone() />
                        <TextArea form=form.clone() name="reason" label="comment.report.reason" hint="comment.report.reason.hint" max=1000 rows=4 required=true />
                        <SubmitButton label="comment.report.submit" />
                    </PostForm>
                }.into_any()
            } else {
                view! {
                    <p class="notice notice--info">
                        {t("comment.report.login_first")} " " <A href="/anmelden">{t("nav.login")}</A>
                    </p>
                }.into_any()
            }}
        }
    })
}

#[component]
pub fn EditComment() -> impl IntoView {
    let site = use_site();
    with_comment(move |c: CommentContext| {
        let lang = use_lang();
        let flash = site.get_untracked().flash;
        let edit_form = FormState::new("comment-edit", flash.clone());
        let withdraw_form = FormState::new("comment-withdraw", flash);
        let title = lang.tf("page.edit_comment", &[("number", &c.number.to_string())]);
        let (edit_id, withdraw_id) = (c.id.clone(), c.id.clone());
        let reason = if !c.mine {
            Some("comment.edit.not_mine")
        } else if !c.accepting {
            Some("comment.form.closed")
        } else {
            None
        };
        view! {
            <PageHeading title />
            {match reason {
                Some(key) => view! { <Quoted c=c.clone() /> <p class="notice notice--info">{t(key)}</p> }.into_any(),
                None => view! {
                    <PostForm action=EditFn::PATH novalidate=true>
                        <FormMessages form=edit_form.clone() />
                        <input type="hidden" name="id" value=edit_id />
                        <TextArea form=edit_form.clone() name="body" label="comment.form.body" max=CommentBody::MAX_CHARS rows=8 required=true value=c.body.clone() />
                        <SubmitButton label="comment.edit.submit" />
                    </PostForm>
                    <section aria-labelledby="zurueckziehen">
                        <h2 id="zurueckziehen">{t("comment.withdraw.heading")}</h2>
                        <p>{t("comment.withdraw.intro")}</p>
                        <PostForm action=WithdrawComment::PATH>
                            <FormMessages form=withdraw_form />
                            <input type="hidden" name="id" value=withdraw_id />
                            <SubmitButton label="comment.withdraw.submit" class="button button--danger" />
                        </PostForm>
                    </section>
                }.into_any(),
            }}
        }
    })
}

/// The link in the confirmation mail opens this page; the button confirms.
#[component]
pub fn ConfirmComment() -> impl IntoView {
    view! {
        <ConfirmByLink
            action=ConfirmFn::PATH
            form="comment-confirm"
            title="page.comment_confirm"
            intro="page.comment_confirm.intro"
            submit="page.comment_confirm.submit"
        />
    }
}
