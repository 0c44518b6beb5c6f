//! The comments of a procedure as every page that shows contributions lists them (a
//! consultation, a petition's debate): sorting, the section filter, threads of replies,
//! for or against, the authority's answers, and per comment the support button and the
//! links to reply, report and edit. On the server the list of comments is rendered once
//! for every reader alike and shared (`contributions::service::shared_list`); the
//! actions of a reader's own and supported comments are rendered for them.
use crate::components::form::{FormMessages, FormState, PostForm};
use crate::components::pagination::Pagination;
use crate::components::site::{t, use_lang, use_site};
use crate::components::text::PlainText;
use crate::consultations::api::SupportComment;
use crate::contributions::types::{CommentView, Threads, Viewer};
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// What every comment of the page needs to know.
#[derive(Clone)]
struct Ctx {
    accepting: bool,
    /// Supporting and reporting need an account: without one, a single hint says so
    /// instead of a button and a link at every comment.
    logged_in: bool,
    moderates: bool,
    lang: Lang,
}

#[component]
pub fn Comments(
    threads: Threads,
    /// The page's address, without query.
    base: String,
    /// Contributions are accepted now.
    accepting: bool,
    viewer: Viewer,
) -> impl IntoView {
    #[allow(unused_mut)]
    let mut p = threads;
    let site = use_site();
    let lang = use_lang();
    let form = FormState::new("comment-support", site.get_untracked().flash);
    let section_param = p
        .section
        .as_ref()
        .map(|(id, _)| format!("abschnitt={id}&"))
        .unwrap_or_default();
    let order_href = |order: &str| format!("{base}?{section_param}sortierung={order}#beitraege");
    let page_base = format!("{base}?{section_param}sortierung={}", p.order);
    let ctx = Ctx {
        accepting,
        logged_in: viewer.logged_in,
        moderates: viewer.moderates,
        lang,
    };
    let newest = p.order != "supported";
    #[cfg(feature = "ssr")]
    let shared_html = p.shared.take().map(|shared| {
        let comments = std::mem::take(&mut p.comments);
        shared::html(comments, p.clone(), shared, &ctx)
    });
    #[cfg(not(feature = "ssr"))]
    let shared_html: Option<leptos::oco::Oco<'static, str>> = None;
    let empty = shared_html
        .as_ref()
        .map_or(p.comments.is_empty(), |html| html.is_empty());
    view! {
        <section aria-labelledby="beitraege" class="comments-section">
            <h2 id="beitraege">{lang.tf("procedure.comments.heading", &[("n", &p.comment_count.to_string())])}</h2>
            {p.section.clone().map(|(_, label)| view! {
                <p class="filter-note">
                    {lang.tf("procedure.comments.filtered", &[("section", &label)])} " "
                    <a href=format!("{base}#beitraege")>{t("procedure.comments.all")}</a>
                </p>
            })}
            {(p.thread_count > 1).then(|| view! {
                <nav class="sorting" aria-label=t("procedure.comments.order")>
                    <a href=order_href("newest") aria-current=newest.then_some("true")>{t("procedure.comments.newest")}</a>
                    " · "
                    <a href=order_href("supported") aria-current=(!newest).then_some("true")>{t("procedure.comments.supported")}</a>
                </nav>
            })}
            <FormMessages form />
            {(!viewer.logged_in && !empty).then(|| view! {
                <p class="field__hint">{t("procedure.comments.login_hint")} " " <a href="/anmelden">{t("nav.login")}</a></p>
            })}
            {if empty {
                view! { <p>{t("procedure.comments.none")}</p> }.into_any()
            } else if let Some(html) = shared_html {
                view! { <ol class="comments" inner_html=html></ol> }.into_any()
            } else {
                view! {
                    <ol class="comments">
                        {p.comments.into_iter().map(|c| comment(c, ctx.clone())).collect_view()}
                    </ol>
                }.into_any()
            }}
            <Pagination page=p.page pages=p.pages href=move |n| format!("{page_base}&seite={n}#beitraege") />
        </section>
    }
}

/// One comment with its replies (built as a function: the tree is recursive).
fn comment(c: CommentView, ctx: Ctx) -> AnyView {
    let lang = ctx.lang;
    let head_id = format!("beitrag-{}-kopf", c.number);
    let public = c.gone.is_none();
    let number_label = number_label(lang, c.number);
    let replies = c.replies.clone();
    let ctx_replies = ctx.clone();
    let labelled_by = head_id.clone();
    view! {
        <li>
            <article class="comment" id=format!("beitrag-{}", c.number) aria-labelledby=labelled_by>
                <header class="comment__head" id=head_id>
                    {c.stance.map(|s| view! { <span class=format!("badge badge--{}", s.as_str())>{t(s.label_key())}</span> " " })}
                    <strong>{if public { c.author.clone() } else { t("comment.placeholder").to_string() }}</strong>
                    <span class="comment__meta">
                        " · " {number_label.clone()} " · " {c.date.clone()}
                        {c.edited.then(|| view! { " · " {t("comment.edited")} })}
                        {c.section.clone().map(|s| view! { " · " {lang.tf("comment.on_section", &[("section", &s)])} })}
                    </span>
                </header>
                {match c.gone.clone() {
                    Some(key) => view! { <p class="muted">{t(&key)}</p> }.into_any(),
                    None => view! { <div class="comment__body"><PlainText text=c.body.clone() /></div> }.into_any(),
                }}
                {c.answer.clone().map(|a| view! {
                    <div class="answer">
                        <p class="answer__head"><strong>{lang.tf("comment.answer_by", &[("organization", &a.organization)])}</strong> " · " {a.date}</p>
                        <PlainText text=a.text />
                    </div>
                })}
                {public.then(|| actions(&c, &ctx, &number_label))}
                {(!replies.is_empty()).then(|| view! {
                    <ol class="replies" aria-label=lang.tf("comment.replies_to", &[("number", &number_label)])>
                        {replies.into_iter().map(|r| comment(r, ctx_replies.clone())).collect_view()}
                    </ol>
                })}
            </article>
        </li>
    }
    .into_any()
}

/// "Beitrag 12".
fn number_label(lang: Lang, number: i32) -> String {
    lang.tf("comment.number", &[("n", &number.to_string())])
}

fn actions(c: &CommentView, ctx: &Ctx, number_label: &str) -> AnyView {
    let lang = ctx.lang;
    let supports = lang.tf("comment.supports", &[("n", &c.supports.to_string())]);
    let about = format!(" – {number_label}");
    let link = |path: &str, key: &'static str| {
        let href = format!("/beitraege/{}/{path}", c.id);
        let about = about.clone();
        view! { " · " <a href=href>{t(key)}<span class="visually-hidden">{about}</span></a> }
    };
    let support_form =
        (ctx.logged_in && ctx.accepting && !c.mine && !c.supported_by_me).then(|| {
            let (id, about) = (c.id.clone(), about.clone());
            view! {
                " · "
                <PostForm action=SupportComment::PATH class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="link-button">
                        {t("comment.support")}
                        <span class="visually-hidden">{about}</span>
                    </button>
                </PostForm>
            }
        });
    let reply = ctx.accepting.then(|| link("antworten", "comment.reply"));
    let report = ctx.logged_in.then(|| link("melden", "comment.report"));
    let edit = (c.mine && ctx.accepting).then(|| link("bearbeiten", "comment.edit"));
    let moderate = ctx.moderates.then(|| {
        let href = format!("/moderation?beitrag={}", c.id);
        view! { " · " <a href=href>{t("comment.moderate")}<span class="visually-hidden">{about.clone()}</span></a> }
    });
    let supported = c
        .supported_by_me
        .then(|| view! { " " <span>{t("comment.supported_by_me")}</span> });
    view! {
        // A div, not a p: a form may not sit inside a paragraph.
        <div class="comment__actions">
            <span>{supports}</span>
            {supported}
            {support_form}
            {reply}
            {report}
            {edit}
            {moderate}
        </div>
    }
    .into_any()
}

/// The shared list on the server: rendered once for every reader alike, then with one
/// reader's markers.
#[cfg(feature = "ssr")]
mod shared {
    use super::{Ctx, actions, comment, number_label};
    use crate::contributions::service::shared_list::{Actionable, Shared, SharedList};
    use crate::contributions::types::{CommentView, Threads};
    use crate::platform::kept_html::KeptHtml;
    use leptos::oco::Oco;
    use leptos::prelude::*;
    use std::sync::Arc;
    use uuid::Uuid;

    /// The list for the reader of `shared`: the one kept for their view, or rendered and
    /// kept now from `comments` (without markers); with the reader's markers set.
    pub(super) fn html(
        comments: Vec<CommentView>,
        counts: Threads,
        shared: Shared,
        ctx: &Ctx,
    ) -> Oco<'static, str> {
        let list = match shared.list.clone() {
            Some(list) => list,
            None => match render(comments.clone(), counts, &shared, ctx) {
                Some(list) => {
                    let list = Arc::new(list);
                    shared.keep(list.clone());
                    list
                }
                // Every comment's actions are found in the list as rendered, so this is
                // not expected; should it happen, the reader gets the list of their own.
                None => return for_one_reader(comments, &shared, ctx),
            },
        };
        personal(&list, &shared, ctx)
    }

    /// The list without markers, with where each comment's actions stand in it; `None`
    /// when an action is not where it is expected.
    fn render(
        comments: Vec<CommentView>,
        counts: Threads,
        shared: &Shared,
        ctx: &Ctx,
    ) -> Option<SharedList> {
        fn public(comments: &[CommentView], out: &mut Vec<CommentView>) {
            for c in comments {
                if c.gone.is_none() {
                    out.push(CommentView {
                        body: String::new(),
                        answer: None,
                        replies: Vec::new(),
                        ..c.clone()
                    });
                }
                public(&c.replies, out);
            }
        }
        // In the order of the page: a comment's actions come before its replies.
        let mut with_actions = Vec::new();
        public(&comments, &mut with_actions);
        let html = comments
            .into_iter()
            .map(|c| comment(c, ctx.clone()))
            .collect_view()
            .to_html();
        let mut actionable = Vec::with_capacity(with_actions.len());
        let mut from = 0;
        for view in with_actions {
            let rendered = actions(&view, ctx, &number_label(ctx.lang, view.number)).to_html();
            let start = from + html[from..].find(&rendered)?;
            from = start + rendered.len();
            let id = Uuid::parse_str(&view.id).ok()?;
            actionable.push(Actionable {
                id,
                author: shared.authors.get(&id).copied(),
                view,
                range: start..from,
            });
        }
        Some(SharedList {
            html: KeptHtml::new(html),
            actionable,
            counts,
        })
    }

    /// The shared list with the actions of the reader's own and supported comments
    /// rendered for them (for a visitor, and a reader with neither on the page, the very
    /// bytes kept: not a copy of the list per request).
    fn personal(list: &SharedList, shared: &Shared, ctx: &Ctx) -> Oco<'static, str> {
        // (comment, the reader's own, supported by them) for the comments they marked; a
        // visitor marks none.
        let marked: Vec<(&Actionable, bool, bool)> = match shared.reader {
            None => Vec::new(),
            Some(_) => list
                .actionable
                .iter()
                .filter_map(|a| {
                    let (mine, supported) = shared.markers(a.id, a.author);
                    (mine || supported).then_some((a, mine, supported))
                })
                .collect(),
        };
        if marked.is_empty() {
            return list.html.in_page();
        }
        let kept = list.html.html();
        let mut out = String::with_capacity(kept.len() + 1024);
        let mut at = 0;
        for (a, mine, supported_by_me) in marked {
            let view = CommentView {
                mine,
                supported_by_me,
                ..a.view.clone()
            };
            out.push_str(&kept[at..a.range.start]);
            out.push_str(&actions(&view, ctx, &number_label(ctx.lang, view.number)).to_html());
            at = a.range.end;
        }
        out.push_str(&kept[at..]);
        Oco::Owned(out)
    }

    /// The list rendered with the reader's markers, kept for nobody.
    fn for_one_reader(
        mut comments: Vec<CommentView>,
        shared: &Shared,
        ctx: &Ctx,
    ) -> Oco<'static, str> {
        fn mark(comments: &mut [CommentView], shared: &Shared) {
            for c in comments {
                if let Ok(id) = Uuid::parse_str(&c.id)
                    && c.gone.is_none()
                {
                    (c.mine, c.supported_by_me) =
                        shared.markers(id, shared.authors.get(&id).copied());
                }
                mark(&mut c.replies, shared);
            }
        }
        mark(&mut comments, shared);
        Oco::Owned(
            comments
                .into_iter()
                .map(|c| comment(c, ctx.clone()))
                .collect_view()
                .to_html(),
        )
    }
}
