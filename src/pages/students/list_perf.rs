//! The `student-search` performance measure: one per filtering pass, for the search benchmark.
//!
//! A pass starts in the `input` or `change` handler with a mark, just before the query signal is
//! set. Leptos applies the change to the DOM in its effects, which run as microtasks straight
//! after the handler; a `requestAnimationFrame` callback runs after those microtasks and before
//! the browser lays out and paints the frame. So the measure, taken in that callback, spans
//! from the event to a list that has been fully updated in the DOM (filtering, the count and
//! the keyed rows), excluding only the browser's own style, layout and paint of the frame.

use std::cell::Cell;

use js_sys::{Function, Reflect};
use leptos::prelude::request_animation_frame;
use wasm_bindgen::{JsCast, JsValue};

/// The measure's name; the benchmark reads `performance.getEntriesByName` with it.
pub const MEASURE: &str = "student-search";

thread_local! {
    static PASSES: Cell<u64> = const { Cell::new(0) };
}

/// A filtering pass that has started; [`Pass::finish`] records its measure.
#[derive(Debug)]
pub struct Pass {
    mark: Option<String>,
}

impl Pass {
    /// Marks the start of a pass. Each pass has its own mark, so fast typing (two inputs in one
    /// frame) still gives one measure per input, each from its own start.
    pub fn start() -> Self {
        let number = PASSES.with(|passes| {
            passes.set(passes.get() + 1);
            passes.get()
        });
        let mark = format!("{MEASURE}-start-{number}");
        let marked = call("mark", &[&mark]);
        Self {
            mark: marked.then_some(mark),
        }
    }

    /// Call right after setting the signals: measures in the next animation frame.
    pub fn finish(self) {
        let Some(mark) = self.mark else {
            return;
        };
        request_animation_frame(move || {
            // Timing is best effort: a failure here must never break the list.
            call("measure", &[MEASURE, &mark]);
            call("clearMarks", &[&mark]);
        });
    }
}

/// Calls `performance.<method>(...args)`; false if there is no such method or it throws. Called
/// through `Reflect` because web-sys's `mark` and `measure` change signature under
/// `web_sys_unstable_apis`, which the wasm build turns on and the native tests do not.
fn call(method: &str, args: &[&str]) -> bool {
    let Ok(performance) = Reflect::get(&js_sys::global(), &JsValue::from_str("performance")) else {
        return false;
    };
    let Some(function) = Reflect::get(&performance, &JsValue::from_str(method))
        .ok()
        .and_then(|value| value.dyn_into::<Function>().ok())
    else {
        return false;
    };
    let args: js_sys::Array = args.iter().map(|arg| JsValue::from_str(arg)).collect();
    function.apply(&performance, &args).is_ok()
}
