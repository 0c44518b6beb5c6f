//! The `mitwirken` server: configuration, the axum router, routes that are not pages.
pub mod cli;
pub mod compression;
pub mod config;
pub mod documents;
pub mod islands_data;
pub mod kept_parts;
pub mod page_cache;
pub mod paths;
pub mod permits;
pub mod petitions;
pub mod plain;
pub mod routes;
pub mod run_to_end;
pub mod security;
pub mod site_context;
pub mod startup;

use app::platform::AppState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use std::net::SocketAddr;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use paths::MAX_FORM_BYTES as MAX_BODY_BYTES;

async fn server_fn_handler(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

/// Paths no route knows are rendered by the app, whose router shows the 404 page.
async fn not_found(State(state): State<AppState>, req: Request<Body>) -> Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || provide_context(state.clone()),
        move || shell(options.clone()),
    );
    handler(req).await.into_response()
}

/// The app's routes, generated once per process: generating them runs the app with
/// resource loading suppressed process-wide, which would stall a page rendered at that
/// moment by another server in the same process (our tests run many).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let leptos_options = state.leptos_options.clone();
    let pkg_dir = std::path::Path::new(leptos_options.site_root.as_ref())
        .join(leptos_options.site_pkg_dir.as_ref());
    // Hashed file names change with their content, so they may be cached for a year.
    let asset_cache = if leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let assets = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            axum::http::header::CACHE_CONTROL,
            HeaderValue::from_static(asset_cache),
        ));
    let context_state = state.clone();

    // Everything that belongs to a tenant: pages, server functions, tenant routes.
    let tenant_routes = Router::new()
        .route("/tenant.css", get(routes::tenant_css))
        .route("/sprache/{lang}", get(routes::switch_language))
        .route("/konto/daten.json", get(routes::my_data))
        .route("/dokumente/{file}", get(documents::download))
        .route(
            "/verwaltung/verfahren/{id}/dokumente",
            axum::routing::post(documents::upload)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(
            "/verwaltung/verfahren/{id}/beitraege.csv",
            get(documents::export_csv),
        )
        .route(
            "/verwaltung/verfahren/{id}/beitraege.xlsx",
            get(documents::export_xlsx),
        )
        .route(
            "/petitionen/{id}/anhaenge",
            axum::routing::post(petitions::upload_attachment)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(
            "/petitionen/anhaenge/{file}",
            get(petitions::download_attachment),
        )
        .route("/petitionen/{id}/verlauf.csv", get(petitions::per_day_csv))
        .route("/petitionen/{id}/verlauf.svg", get(petitions::per_day_svg))
        .route(
            "/verwaltung/petitionen/{id}/papierlisten",
            axum::routing::post(petitions::upload_batch)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(
            "/verwaltung/petitionen/scans/{batch}",
            get(petitions::download_scan),
        )
        .route(
            "/verwaltung/petitionen/{id}/unterschriften.csv",
            get(petitions::signatures_csv),
        )
        .route(
            "/verwaltung/petitionen/{id}/unterschriften.xlsx",
            get(petitions::signatures_xlsx),
        )
        .route(
            "/genehmigungen/{id}/einwendungen",
            axum::routing::post(permits::file_objection).layer(
                axum::extract::DefaultBodyLimit::max(paths::MAX_OBJECTION_BYTES),
            ),
        )
        .route(
            "/verwaltung/genehmigungen/anlagen/{file}",
            get(permits::attachment),
        )
        .route(
            "/verwaltung/genehmigungen/{id}/einwendungen.csv",
            get(permits::register_csv),
        )
        .route(
            "/verwaltung/genehmigungen/{id}/einwendungen.xlsx",
            get(permits::register_xlsx),
        )
        .route(
            "/verwaltung/genehmigungen/{id}/einwendungen-anonymisiert.csv",
            get(permits::anonymized_csv),
        )
        .route(
            "/verwaltung/genehmigungen/{id}/einwendungen-anonymisiert.xlsx",
            get(permits::anonymized_xlsx),
        )
        .route(
            paths::UNSUBSCRIBE,
            axum::routing::post(routes::one_click_unsubscribe),
        )
        .route(
            "/api/{*fn_name}",
            get(server_fn_handler).post(server_fn_handler),
        )
        .leptos_routes_with_context(
            &state,
            route_list(),
            move || provide_context(context_state.clone()),
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(not_found)
        .layer(from_fn(run_to_end::run_to_end))
        .layer(from_fn(islands_data::strip))
        .layer(from_fn(kept_parts::by_reference))
        .layer(from_fn_with_state(state.clone(), site_context::provide))
        .layer(from_fn_with_state(state.clone(), site_context::store_flash));

    let routes = Router::new()
        .route("/healthz", get(routes::healthz))
        .nest_service("/pkg", assets)
        .merge(tenant_routes)
        .with_state(state.clone());

    // The middleware wraps the routing as a whole: axum clones a matched route's service
    // (with all its layers and the state they hold) for every request, so a page served
    // from the cache is answered here, before any route is matched. Outermost first.
    let stack = tower::ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(PropagateRequestIdLayer::new(request_id))
        .layer(compression::brotli_for_the_rest())
        .layer(compression::gzip())
        .layer(from_fn_with_state(state.settings.clone(), security::headers))
        // Cached pages are answered here, before the Origin check (they are GETs), the
        // body limits and the tenant lookup, which they do not need.
        .layer(from_fn_with_state(
            std::sync::Arc::new(page_cache::PageCache::new(&state)),
            page_cache::PageCache::layer,
        ))
        // Below the cache: a cached page does not pass through it (each `from_fn` layer
        // clones the stack beneath it for every request it sees).
        .layer(from_fn(compression::gzip_with_kept_parts))
        .layer(from_fn_with_state(
            state.settings.clone(),
            security::origin_check,
        ))
        .layer(from_fn(security::friendly_limits))
        .layer(from_fn(security::body_limit))
        .layer(from_fn_with_state(
            (
                state.db.clone(),
                std::sync::Arc::new(security::TenantCache::default()),
                std::sync::Arc::new(state.settings.trusted_proxies.clone()),
            ),
            security::tenant_and_client,
        ))
        .service(routes);
    Router::new().fallback_service(stack)
}

/// Serves until Ctrl-C / SIGTERM on an already bound listener.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
