//! Browser tests of the app shell, run in headless Chromium by `wasm-bindgen-test-runner`
//! (`cargo xtask test`).

#![cfg(target_arch = "wasm32")]
// A failed unwrap is a failed test here; clippy does not see `#[wasm_bindgen_test]` as a test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use leptos::prelude::view;
use leptos_router::components::Router;
use progress_mentor::App;
use progress_mentor::pages::{SignInPage, StudentDetails, long_date};
use progress_mentor::state::device_storage::format_bytes;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    leptos::prelude::document()
}

/// Lets the reactive system and the router settle.
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        // A zero timeout on the window cannot fail in a browser.
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Signed out, the frame shows its header and the sign-in page in place of every route: no
/// navigation, no page with data.
#[wasm_bindgen_test]
async fn app_frame_signed_out_has_the_header_and_the_sign_in_page_only() {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), App);

    let header = host.query_selector("header").unwrap().expect("a header");
    assert!(header.text_content().unwrap().contains("Progress Mentor"));
    let status = header
        .query_selector("[role=status]")
        .unwrap()
        .expect("a status slot");
    assert!(!status.text_content().unwrap().is_empty());

    // The device's storage opens and is found empty: the sign-in page.
    let mut heading = None;
    for _ in 0..200 {
        next_tick().await;
        heading = host
            .query_selector("h1")
            .unwrap()
            .and_then(|h1| h1.text_content());
        if heading.is_some() {
            break;
        }
    }
    assert_eq!(heading.as_deref(), Some("Sign in"));
    assert!(
        host.query_selector("nav[aria-label=Main]")
            .unwrap()
            .is_none(),
        "no navigation before an unlocked sign-in"
    );
    drop(handle);
}

#[wasm_bindgen_test]
fn long_date_reads_as_uk_schools_write_it() {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(long_date(date), "Monday 23 November 2026");
    let date = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    assert_eq!(long_date(date), "Monday 1 March 2027");
}

#[wasm_bindgen_test]
fn bytes_are_shown_in_readable_units() {
    assert_eq!(format_bytes(740_000.0), "740 KB");
    assert_eq!(format_bytes(1_200_000.0), "1.2 MB");
    assert_eq!(format_bytes(9_800_000_000.0), "9.8 GB");
    assert_eq!(format_bytes(0.0), "0 KB");
}

fn student_record(fields: serde_json::Value) -> mentor_core::merge::RecordState {
    serde_json::from_value(serde_json::json!({
        "entity": "student",
        "id": "01930000-0000-7000-8000-000000000001",
        "created": STAMP,
        "fields": fields,
    }))
    .unwrap()
}

const STAMP: &str = "000000000001-0000-0193000000007000800000000000000a";

fn field(value: serde_json::Value) -> serde_json::Value {
    serde_json::json!({ "value": value, "hlc": STAMP })
}

#[wasm_bindgen_test]
fn a_student_is_shown_by_preferred_name_with_year_and_form() {
    let record = student_record(serde_json::json!({
        "given_name": field("Jasmine".into()),
        "family_name": field("Quellby".into()),
        "preferred_name": field("Jas".into()),
        "year_group": field(8.into()),
        "form_group": field("8B".into()),
    }));
    let student = StudentDetails::from_record(&record).unwrap();
    assert_eq!(student.shown_name(), "Jas Quellby");
    assert_eq!(student.year_and_form(), "Year 8 · 8B");

    let record = student_record(serde_json::json!({
        "given_name": field("Jasmine".into()),
        "family_name": field("Quellby".into()),
        "preferred_name": field(serde_json::Value::Null),
        "year_group": field(8.into()),
    }));
    let student = StudentDetails::from_record(&record).unwrap();
    assert_eq!(student.shown_name(), "Jasmine Quellby");
    assert_eq!(student.year_and_form(), "Year 8");
}

#[wasm_bindgen_test]
async fn the_form_has_labelled_fields_and_says_what_went_wrong() {
    let document = leptos::prelude::document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), || {
        view! { <Router><SignInPage/></Router> }
    });
    next_tick().await;

    for (id, kind) in [("sign-in-email", "email"), ("sign-in-password", "password")] {
        let label = host
            .query_selector(&format!("label[for={id}]"))
            .unwrap()
            .expect("a label");
        assert!(!label.text_content().unwrap().is_empty());
        let input = host
            .query_selector(&format!("input#{id}"))
            .unwrap()
            .expect("an input");
        assert_eq!(input.get_attribute("type").as_deref(), Some(kind));
    }
    let button: web_sys::HtmlElement = host
        .query_selector("button[type=submit]")
        .unwrap()
        .expect("a submit button")
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Sign in");
    assert!(host.query_selector("[role=alert]").unwrap().is_none());

    // With no app storage behind it the page says so instead of failing silently.
    button.click();
    next_tick().await;
    let alert = host
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an error in words");
    assert!(alert.text_content().unwrap().contains("Try again"));
    drop(handle);
}
