//! The school's devices, for an administrator: who uses which device, when it was last seen,
//! and revoking one that is lost (it erases its data the next time it connects).
//!
//! Shown only to a signed-in admin; that check is for the screen only, the server refuses
//! everyone else. Online only: the list is the server's, never kept on the device.

use chrono::{DateTime, Local};
use leptos::prelude::*;
use mentor_core::DeviceId;

use crate::api::DeviceSummary;
use crate::client::{AppClient, LocalAction};
use crate::state::{Connectivity, SyncStatus};

/// What revoking does, said before the admin confirms.
const REVOKE_WARNING: &str = "Revoking erases all Progress Mentor data on this device the next time it connects, including anything not yet synced.";

/// Unix ms as the device's local date and time ("23 Nov 2026, 14:05").
pub(super) fn local_time(ms: u64) -> String {
    i64::try_from(ms)
        .ok()
        .and_then(DateTime::from_timestamp_millis)
        .map_or_else(
            || "unknown".to_owned(),
            |time| {
                time.with_timezone(&Local)
                    .format("%-d %b %Y, %H:%M")
                    .to_string()
            },
        )
}

fn device_state(device: &DeviceSummary) -> &'static str {
    if device.revoked_at_ms.is_some() {
        "Revoked"
    } else if device.signed_in {
        "Signed in"
    } else {
        "Signed out"
    }
}

/// The admin's list of the school's devices, with revoking.
#[component]
pub fn SchoolDevices() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let connectivity = expect_context::<Connectivity>();
    let client = AppClient::expect();
    // A memo, so the section (and its request) is made again only when the role changes, not
    // at every change of the sync line.
    let is_admin = Memo::new(move |_| {
        status
            .get()
            .staff
            .is_some_and(|staff| staff.role.manages_school())
    });
    let online = Memo::new(move |_| connectivity.is_online());
    // Bumped to ask the server again after a revoke.
    let reload = RwSignal::new(0_u32);
    let confirming = RwSignal::new(None::<DeviceId>);
    let action_error = RwSignal::new(None::<String>);

    let devices = LocalResource::new(move || {
        let wanted = is_admin.get() && online.get();
        reload.track();
        async move {
            if wanted {
                Some(client.school_devices().await)
            } else {
                None
            }
        }
    });

    let revoke = LocalAction::new(move |device: &DeviceId| {
        let device = *device;
        async move {
            match client.revoke_device(device).await {
                Ok(_) => {
                    confirming.set(None);
                    reload.update(|n| *n = n.wrapping_add(1));
                }
                Err(error) => action_error.set(Some(error)),
            }
        }
    });
    let revoking = revoke.pending();

    let device_item = move |device: DeviceSummary, this_device: DeviceId| {
        let id = device.id;
        let revoked = device.revoked_at_ms.is_some();
        let label = if id == this_device {
            format!("{} (this device)", device.label)
        } else {
            device.label.clone()
        };
        let last_seen = device.last_seen_at_ms.map_or_else(
            || "never seen".to_owned(),
            |ms| format!("last seen {}", local_time(ms)),
        );
        let details = format!("{label} · {} · {last_seen}", device_state(&device));
        let controls = move || {
            if revoked {
                None
            } else if confirming.get() == Some(id) {
                Some(
                    view! {
                        <div class="device-confirm">
                            <p>{REVOKE_WARNING}</p>
                            <button
                                type="button"
                                class="button"
                                disabled=move || revoking.get()
                                on:click=move |_| {
                                    action_error.set(None);
                                    revoke.dispatch(id);
                                }
                            >
                                "Revoke and erase"
                            </button>
                            " "
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| {
                                    confirming.set(None);
                                    action_error.set(None);
                                }
                            >
                                "Cancel"
                            </button>
                            {move || {
                                action_error
                                    .get()
                                    .map(|text| view! { <p class="form-error" role="alert">{text}</p> })
                            }}
                        </div>
                    }
                    .into_any(),
                )
            } else {
                Some(
                    view! {
                        <button
                            type="button"
                            class="button secondary"
                            on:click=move |_| {
                                action_error.set(None);
                                confirming.set(Some(id));
                            }
                        >
                            "Revoke"
                        </button>
                    }
                    .into_any(),
                )
            }
        };
        view! {
            <li class="device-item">
                <p class="row-title">{device.staff_name}</p>
                <p class="row-detail">{details}</p>
                {controls}
            </li>
        }
    };

    let body = move || {
        if !online.get() {
            return view! { <p>"Connect to the internet to manage devices."</p> }.into_any();
        }
        match devices.get().flatten() {
            None => view! { <p>"Asking the server…"</p> }.into_any(),
            Some(Err(error)) => view! { <p class="form-error" role="alert">{error}</p> }.into_any(),
            Some(Ok((list, _))) if list.is_empty() => {
                view! { <p>"No devices have signed in yet."</p> }.into_any()
            }
            Some(Ok((list, this_device))) => view! {
                <ul class="row-list device-list" aria-label="School devices">
                    {list
                        .into_iter()
                        .map(|device| device_item(device, this_device))
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }
    };

    move || {
        is_admin.get().then(|| {
            view! {
                <section class="card" aria-labelledby="school-devices-heading">
                    <h2 id="school-devices-heading">"School devices"</h2>
                    {body}
                </section>
            }
        })
    }
}
