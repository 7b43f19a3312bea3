//! The `/trips/:trip/pack/:id` page: one child's page of the trip pack, read from the device
//! with no signal. Medical conditions, medication, allergies and dietary needs, the most
//! severe first; emergency contacts in the order to call them, each a tap to ring; the
//! child's group and consent note; and the previous and next child of the trip.

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::EntityId;

use super::{route_id, use_trip};
use crate::client::AppClient;
use crate::pages::phone_link;
use crate::pages::students::{MedicalSheet, kind_label, load_medical_sheet, severity_label};
use crate::state::SyncStatus;

const NOT_ON_DEVICE: &str = "This child's details are not on this device. The trip pack \
     reaches the trip's staff from a week before the trip to the day after it.";

#[component]
pub fn PackPage() -> impl IntoView {
    let trip = route_id("trip");
    let child = route_id("id");
    view! {
        <div class="page pack-page">
            {move || trip.get().map(|trip| view! {
                <A href=format!("/trips/{trip}") attr:class="back-link">"Back to the trip"</A>
            })}
            {move || match (trip.get(), child.get()) {
                (Some(trip), Some(child)) => view! { <Pack trip child/> }.into_any(),
                _ => view! { <h1>"Trip pack"</h1><p>{NOT_ON_DEVICE}</p> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Pack(trip: EntityId, child: EntityId) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let (data, _) = use_trip(trip);
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            match store {
                Some(store) => load_medical_sheet(&*store, child).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let sheet = RwSignal::new(None::<MedicalSheet>);
    Effect::new(move |_| {
        if let Some(Ok(Some(read))) = read.get() {
            sheet.set(Some(read));
        }
    });
    let traveller = move || data.with(|data| data.child(child).cloned());
    let neighbours = move || {
        data.with(|data| {
            let at = data.children.iter().position(|c| c.id == child)?;
            let before = at
                .checked_sub(1)
                .and_then(|i| data.children.get(i))
                .map(|c| (c.id, c.name.clone()));
            let after = data.children.get(at + 1).map(|c| (c.id, c.name.clone()));
            Some((before, after))
        })
    };
    view! {
        <h1>{move || traveller().map_or_else(|| "Trip pack".to_owned(), |t| t.name)}</h1>
        {move || traveller().map(|t| view! {
            <p class="pack-who">{format!("{} · Group: {}", t.year_and_form, t.group_leader)}</p>
            {t.member.note.map(|note| view! { <p class="pack-note"><strong>"Consent: "</strong>{note}</p> })}
        })}
        {move || match sheet.get() {
            None => view! { <p>"Reading the trip pack…"</p> }.into_any(),
            Some(sheet) if !sheet.on_device => view! { <p>{NOT_ON_DEVICE}</p> }.into_any(),
            Some(sheet) => view! { <PackDetails sheet/> }.into_any(),
        }}
        <nav class="pack-nav" aria-label="Other children">
            {move || neighbours().map(|(before, after)| view! {
                {before.map(|(id, name)| view! { <A href=format!("/trips/{trip}/pack/{id}")>{format!("Previous: {name}")}</A> })}
                {after.map(|(id, name)| view! { <A href=format!("/trips/{trip}/pack/{id}")>{format!("Next: {name}")}</A> })}
            })}
        </nav>
    }
}

/// The medical notes and emergency contacts of one child.
#[component]
fn PackDetails(sheet: MedicalSheet) -> impl IntoView {
    let MedicalSheet {
        medical, contacts, ..
    } = sheet;
    view! {
        <section class="card" aria-labelledby="pack-medical-heading">
            <h2 id="pack-medical-heading">"Medical and dietary"</h2>
            {if medical.is_empty() {
                view! { <p>"No medical or dietary notes recorded."</p> }.into_any()
            } else {
                view! {
                    <ul class="pack-medical">
                        {medical.into_iter().map(|note| view! {
                            <li class=format!("severity-{}", if note.severity.is_empty() { "none" } else { note.severity.as_str() })>
                                <span class="pack-kind">{format!("{} · {}", kind_label(&note.kind), severity_label(&note.severity))}</span>
                                <span class="pack-text">{note.text}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section class="card" aria-labelledby="pack-contacts-heading">
            <h2 id="pack-contacts-heading">"Emergency contacts"</h2>
            {if contacts.is_empty() {
                view! { <p>"No emergency contacts recorded."</p> }.into_any()
            } else {
                view! {
                    <ul class="pack-contacts">
                        {contacts.into_iter().map(|contact| view! {
                            <li>
                                <span class="contact-name">{format!("{} ({})", contact.name, contact.relationship)}</span>
                                <a class="button" href=phone_link(&contact.phone_primary)>{format!("Call {}", contact.phone_primary)}</a>
                                {(!contact.phone_secondary.is_empty()).then(|| view! {
                                    <a class="button secondary" href=phone_link(&contact.phone_secondary)>{format!("Call {}", contact.phone_secondary)}</a>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
