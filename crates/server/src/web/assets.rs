//! Everything the pages load, compiled into the binary: one stylesheet, a few small scripts,
//! the icons and the web app manifest (so she can add mumstrong to her phone's home screen).

use std::sync::OnceLock;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

/// The stylesheet: the base first, then each area's rules.
pub const APP_CSS: &str = concat!(
    include_str!("assets/base.css"),
    include_str!("assets/onboarding.css"),
    include_str!("assets/today.css"),
    include_str!("assets/charts.css"),
    include_str!("assets/coach.css"),
);

/// One embedded file: its name under `/static/`, content type and bytes.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: APP_CSS.as_bytes(),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("assets/app.js"),
    },
    Asset {
        name: "today.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("assets/today.js"),
    },
    Asset {
        name: "pelvic_floor.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("assets/pelvic_floor.js"),
    },
    Asset {
        name: "onboarding.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("assets/onboarding.js"),
    },
    Asset {
        name: "icon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("assets/icon.svg"),
    },
    Asset {
        name: "icon-192.png",
        content_type: "image/png",
        bytes: include_bytes!("assets/icon-192.png"),
    },
    Asset {
        name: "icon-512.png",
        content_type: "image/png",
        bytes: include_bytes!("assets/icon-512.png"),
    },
];

/// The web app manifest: name, colours, start page and icons.
pub const MANIFEST: &str = include_str!("assets/manifest.webmanifest");

/// The asset routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/{name}", get(asset))
        .route("/manifest.webmanifest", get(manifest))
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// An asset's URL with a content hash, so a new binary's assets are never served stale from a
/// browser's cache while unchanged ones stay cached.
pub fn versioned(name: &str) -> String {
    static HASHES: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    let hashes = HASHES.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| (a.name, format!("{:08x}", fnv(a.bytes) & 0xffff_ffff)))
            .collect()
    });
    match hashes.iter().find(|(n, _)| *n == name) {
        Some((_, h)) => format!("/static/{name}?v={h}"),
        None => format!("/static/{name}"),
    }
}

async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(a.content_type),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=86400"),
                ),
            ],
            a.bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

async fn manifest() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/manifest+json"),
        )],
        MANIFEST,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_is_json_with_icons_that_exist() {
        let doc: serde_json::Value = serde_json::from_str(MANIFEST).expect("manifest is JSON");
        assert_eq!(doc["display"], "standalone");
        let icons = doc["icons"].as_array().expect("icons");
        assert!(icons.len() >= 2);
        for icon in icons {
            let src = icon["src"].as_str().expect("src");
            let name = src.trim_start_matches("/static/");
            assert!(ASSETS.iter().any(|a| a.name == name), "{src} is embedded");
        }
    }

    #[test]
    fn pngs_are_pngs_of_the_size_they_claim() {
        for (name, size) in [("icon-192.png", 192u32), ("icon-512.png", 512)] {
            let a = ASSETS.iter().find(|a| a.name == name).expect("embedded");
            assert_eq!(&a.bytes[..8], b"\x89PNG\r\n\x1a\n", "{name}");
            let w = u32::from_be_bytes([a.bytes[16], a.bytes[17], a.bytes[18], a.bytes[19]]);
            let h = u32::from_be_bytes([a.bytes[20], a.bytes[21], a.bytes[22], a.bytes[23]]);
            assert_eq!((w, h), (size, size), "{name}");
        }
    }

    #[test]
    fn versioned_urls_change_with_content() {
        assert!(versioned("app.css").starts_with("/static/app.css?v="));
        assert_eq!(versioned("nope.css"), "/static/nope.css");
    }
}
