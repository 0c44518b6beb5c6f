//! Text people wrote (comments, sections of a document): paragraphs and line breaks
//! kept, web addresses made clickable. Everything else is text, never HTML.
use crate::domain::text::{Piece, paragraphs};
use leptos::prelude::*;

#[component]
pub fn PlainText(#[prop(into)] text: String) -> impl IntoView {
    paragraphs(&text)
        .into_iter()
        .map(|lines| {
            let count = lines.len();
            let lines = lines
                .into_iter()
                .enumerate()
                .map(|(i, pieces)| {
                    let pieces = pieces
                        .into_iter()
                        .map(|piece| match piece {
                            Piece::Text(s) => s.into_any(),
                            Piece::Link(href) => {
                                let text = href.clone();
                                view! { <a href=href rel="nofollow ugc">{text}</a> }.into_any()
                            }
                        })
                        .collect_view();
                    view! { {pieces} {(i + 1 < count).then(|| view! { <br /> })} }
                })
                .collect_view();
            view! { <p>{lines}</p> }
        })
        .collect_view()
}
