use leptos::prelude::*;
use mentor_core::{APP_VERSION, SCHEMA_VERSION};

use super::{RefusedChanges, SchoolDevices, SecurityAudit, SignedInAs};
use crate::api::fetch_health;
use crate::state::device_storage::{format_bytes, read_storage_report};
use crate::state::{Connectivity, OfflineShell};

/// Versions, the server's answer, storage use and a manual update check.
#[component]
pub fn DevicePage() -> impl IntoView {
    let shell = expect_context::<OfflineShell>();
    let connectivity = expect_context::<Connectivity>();
    // Reading the connectivity signal asks the server again whenever the network comes or goes.
    let health = LocalResource::new(move || {
        connectivity.is_online();
        fetch_health()
    });
    let storage = LocalResource::new(read_storage_report);

    let server_line = move || {
        health.get().map(|answer| match answer {
            Ok(health) if health.schema_version == SCHEMA_VERSION => {
                format!("Server reachable · version {}", health.app_version)
            }
            Ok(health) => format!(
                "Server reachable · version {} uses schema {}, this app {}: reload to update",
                health.app_version, health.schema_version, SCHEMA_VERSION
            ),
            Err(error) => error.to_string(),
        })
    };
    let storage_line = move || {
        storage.get().map(|report| match report {
            Some(report) => format!(
                "{} used of {} available{}",
                format_bytes(report.usage),
                format_bytes(report.quota),
                if report.persisted {
                    " · protected from automatic clearing"
                } else {
                    ""
                }
            ),
            None => "This browser does not report its storage".to_owned(),
        })
    };

    view! {
        <div class="page device-page">
            <h1>"This device"</h1>
            <SignedInAs/>
            <RefusedChanges/>
            <SchoolDevices/>
            <SecurityAudit/>
            <section class="card" aria-labelledby="device-app-heading">
                <h2 id="device-app-heading">"App"</h2>
                <dl class="facts">
                    <dt>"App version"</dt>
                    <dd>{APP_VERSION}</dd>
                    <dt>"Data schema"</dt>
                    <dd>{SCHEMA_VERSION}</dd>
                    <dt>"Offline use"</dt>
                    <dd>
                        {move || {
                            shell
                                .problem()
                                .unwrap_or_else(|| {
                                    if shell.is_offline_ready() { "Ready" } else { "Preparing…" }.to_owned()
                                })
                        }}
                    </dd>
                </dl>
                <button type="button" class="button secondary" on:click=move |_| shell.check_for_update()>
                    "Check for updates"
                </button>
            </section>
            <section class="card" aria-labelledby="device-server-heading">
                <h2 id="device-server-heading">"Server"</h2>
                <p class="server-line">{move || server_line().unwrap_or_else(|| "Asking the server…".to_owned())}</p>
            </section>
            <section class="card" aria-labelledby="device-storage-heading">
                <h2 id="device-storage-heading">"Storage"</h2>
                <p>{move || storage_line().unwrap_or_else(|| "Reading storage…".to_owned())}</p>
            </section>
        </div>
    }
}
