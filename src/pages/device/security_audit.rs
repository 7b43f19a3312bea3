//! The school's recent sign-in and security events, for an administrator, under the list of
//! devices: sign-ins and refused ones, new devices, device keys escrowed and recovered,
//! revocations, deactivated staff, wipes sent and expired sessions.
//!
//! Shown only to a signed-in admin; that check is for the screen only, the server refuses
//! everyone else. Online only: the audit is the server's, never kept on the device.

use leptos::prelude::*;

use super::school_devices::local_time;
use crate::api::AuditEvent;
use crate::client::AppClient;
use crate::state::{Connectivity, SyncStatus};

/// One event as a line: when, who, on which device, and why.
fn event_details(event: &AuditEvent) -> String {
    let mut parts = vec![local_time(event.at_ms)];
    parts.extend(event.staff_name.clone());
    if let Some(label) = &event.device_label {
        parts.push(label.clone());
    } else if let Some(device) = event.device_id {
        parts.push(format!("device {device}"));
    }
    parts.extend(event.detail.clone());
    parts.join(" · ")
}

/// The admin's list of recent sign-in and security events, newest first.
#[component]
pub fn SecurityAudit() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let connectivity = expect_context::<Connectivity>();
    let client = AppClient::expect();
    let is_admin = Memo::new(move |_| {
        status
            .get()
            .staff
            .is_some_and(|staff| staff.role.manages_school())
    });
    let online = Memo::new(move |_| connectivity.is_online());

    let events = LocalResource::new(move || {
        let wanted = is_admin.get() && online.get();
        async move {
            if wanted {
                Some(client.security_audit().await)
            } else {
                None
            }
        }
    });

    let body = move || {
        if !online.get() {
            return view! { <p>"Connect to the internet to see sign-in events."</p> }.into_any();
        }
        match events.get().flatten() {
            None => view! { <p>"Asking the server…"</p> }.into_any(),
            Some(Err(error)) => view! { <p class="form-error" role="alert">{error}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => {
                view! { <p>"Nothing recorded yet."</p> }.into_any()
            }
            Some(Ok(list)) => view! {
                <ul class="row-list" aria-label="Sign-in and security events, newest first">
                    {list
                        .into_iter()
                        .map(|event| {
                            let details = event_details(&event);
                            view! {
                                <li>
                                    <p class="row-title">{event.kind.describe()}</p>
                                    <p class="row-detail">{details}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }
    };

    move || {
        is_admin.get().then(|| {
            view! {
                <section class="card" aria-labelledby="security-audit-heading">
                    <h2 id="security-audit-heading">"Sign-in and security events"</h2>
                    {body}
                </section>
            }
        })
    }
}
