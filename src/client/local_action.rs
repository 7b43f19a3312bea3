//! A user action run on the browser's one thread: what a page dispatches, whether it is
//! running, and its last outcome.
//!
//! Leptos' `Action` does the same for code that may run on several threads, and wraps every
//! future so it can be sent between them; in the browser there is one thread, and that
//! wrapping cost about 70 KB of the bundle across the app's actions. This keeps one plain task
//! per dispatch.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

type Run<I, O> = Rc<dyn Fn(&I) -> Pin<Box<dyn Future<Output = O>>>>;

/// An action of a page: dispatch it with an input; read [`Self::pending`] and
/// [`Self::value`]. Cheap to copy.
pub struct LocalAction<I: 'static, O: 'static> {
    run: StoredValue<Run<I, O>, LocalStorage>,
    running: RwSignal<usize>,
    value: RwSignal<Option<O>, LocalStorage>,
}

impl<I: 'static, O: 'static> Clone for LocalAction<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static, O: 'static> Copy for LocalAction<I, O> {}

impl<I: 'static, O: 'static> std::fmt::Debug for LocalAction<I, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalAction")
            .field("running", &self.running)
            .finish_non_exhaustive()
    }
}

impl<I: 'static, O: 'static> LocalAction<I, O> {
    /// An action that runs `run`'s future for each input.
    pub fn new<F, Fut>(run: F) -> Self
    where
        F: Fn(&I) -> Fut + 'static,
        Fut: Future<Output = O> + 'static,
    {
        let run: Run<I, O> = Rc::new(move |input: &I| Box::pin(run(input)));
        Self {
            run: StoredValue::new_local(run),
            running: RwSignal::new(0),
            value: RwSignal::new_local(None),
        }
    }

    /// Runs the action for `input`. Its outcome replaces [`Self::value`] when it ends; a page
    /// that has gone by then is left alone.
    pub fn dispatch(&self, input: I) {
        let Some(run) = self.run.try_get_value() else {
            return;
        };
        let future = run(&input);
        self.running.update(|running| *running += 1);
        let (running, value) = (self.running, self.value);
        spawn_local(async move {
            let outcome = future.await;
            let _ = value.try_set(Some(outcome));
            let _ = running.try_update(|running| *running = running.saturating_sub(1));
        });
    }

    /// True while a dispatch is running (tracked).
    pub fn pending(&self) -> Signal<bool> {
        let running = self.running;
        Signal::derive(move || running.get() > 0)
    }

    /// The outcome of the last dispatch to end, if any (tracked).
    pub fn value(&self) -> RwSignal<Option<O>, LocalStorage> {
        self.value
    }
}
