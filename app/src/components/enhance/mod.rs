//! The one island: the page's forms answer in place, and character counters follow the
//! typing. Everything else on a page is plain HTML from the server.
//!
//! Every form is a plain `<form method="post">` that works without JavaScript: it posts,
//! the server answers with a redirect, and the next page view shows the answer from the
//! flash (errors next to the fields with the input kept, or the notice). With JavaScript
//! this island takes the same route without leaving the page: it posts the form in the
//! background, and
//! - when the answer sends the person elsewhere (after a login, say), it goes there (a
//!   normal page load, which shows the notice);
//! - otherwise it loads this page again in the background and puts its new content in
//!   place of the old (the form with its errors or emptied for the next input, the
//!   notice, a new comment), then moves the focus to the first field in error or to the
//!   message, so that assistive technology reads it.
//!
//! So the answer a person sees is always the one the server rendered, in their language:
//! no message catalog, no form logic and no page data travel to the browser. A form the
//! island cannot post (an upload, or a failed request) is sent the plain way.
#[cfg(feature = "hydrate")]
mod browser;

use leptos::prelude::*;

/// The `id` of the element whose content is replaced after a form answered in place.
pub const REGION_ID: &str = "seite";

#[island]
pub fn Enhanced(children: Children) -> impl IntoView {
    view! {
        <div
            id=REGION_ID
            on:submit=move |ev| {
                #[cfg(feature = "hydrate")]
                browser::submit(ev);
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }
            on:input=move |ev| {
                #[cfg(feature = "hydrate")]
                browser::count(ev);
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }
        >
            {children()}
        </div>
    }
}
