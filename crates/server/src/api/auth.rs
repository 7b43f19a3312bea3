//! Sign-in, sign-out and "who am I" (bodies from `mentor_core::auth_api`). Every sign-in,
//! refused or not, is recorded in the audit.

use axum::Json;
use axum::extract::State;
use mentor_core::ErrorBody;
use mentor_core::audit_api::AuditKind;
use mentor_core::auth_api::{DeviceInfo, MeResponse, SignInRequest, SignInResponse, StaffSummary};

use super::extract::{ApiJson, BearerTokenHash, ClientAddress};
use crate::auth::{new_token, token_hash};
use crate::store::{AuditRecord, AuthenticatedDevice, DeviceRegistration, StaffMember};
use crate::{AppError, AppState};

/// The longest device label kept.
const MAX_LABEL_CHARS: usize = 100;

/// How the API describes a staff member to their own device.
impl From<StaffMember> for StaffSummary {
    fn from(staff: StaffMember) -> Self {
        Self {
            id: staff.id.to_string(),
            display_name: staff.display_name,
            role: staff.role,
        }
    }
}

fn device_label(label: &str) -> String {
    let label: String = label
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_LABEL_CHARS)
        .collect();
    if label.is_empty() {
        "Unnamed device".to_owned()
    } else {
        label
    }
}

/// `POST /api/v1/auth/sign-in`
#[utoipa::path(
    post,
    path = "/api/v1/auth/sign-in",
    tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; the token authorises this device (with its escrowed key, if it has one). A sign-in on one device more than `MAX_ACTIVE_DEVICES` ends the session used least recently", body = SignInResponse),
        (status = 400, description = "`bad_request`: an email or password over 1 KiB", body = ErrorBody),
        (status = 401, description = "`bad_credentials`: email or password not recognised", body = ErrorBody),
        (status = 403, description = "`wipe`: this device id was revoked (whatever the password)", body = ErrorBody),
        (status = 409, description = "`device_taken`: the device id is another member of staff's or reserved; make a new one", body = ErrorBody),
        (status = 429, description = "`too_many_attempts` (wait `Retry-After`), or `server_busy` while other sign-ins are checked", body = ErrorBody),
    )
)]
pub async fn sign_in_post(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<Json<SignInResponse>, AppError> {
    let attempt = state
        .sign_in_throttle
        .admit(&address, &request.email, &request.password)?;
    let email = request.email.trim().to_lowercase();
    let (store, passwords) = (state.store.clone(), state.passwords.clone());
    let (password, device_id, now) = (request.password, request.device_id, state.now_ms());
    let staff = tokio::task::spawn_blocking(move || {
        // A revoked device id (lost, or its owner deactivated) is told to wipe whoever asks:
        // the answer reveals nothing about any account, and no password is hashed for it.
        if store.wipe_if_revoked(device_id, now)? {
            return Err(AppError::Wipe);
        }
        let found = store.staff_for_sign_in(&email)?;
        let hash = found
            .as_ref()
            .filter(|record| record.active)
            .map(|record| record.password_hash.as_str());
        if passwords.verify(&password, hash) {
            return Ok(found.map(|record| record.staff));
        }
        let why = match &found {
            None => "No member of staff has this email.",
            Some(record) if !record.active => "The staff member is deactivated.",
            Some(_) => "Wrong password.",
        };
        let staff_id = found.map(|record| record.staff.id);
        let event = AuditRecord::new(AuditKind::SignInRefused, staff_id, Some(device_id));
        store.audit(&event.because(why), now)?;
        Ok(None)
    })
    .await??;
    let Some(staff) = staff else {
        return Err(AppError::BadCredentials);
    };
    attempt.signed_in();

    let token = new_token().map_err(|err| AppError::Internal(err.to_string()))?;
    let hash = token_hash(&token);
    let label = device_label(&request.device_label);
    let staff_id = staff.id;
    let registration = state
        .with_store(move |store| store.register_device(device_id, staff_id, &label, &hash, now))
        .await?;
    match registration {
        DeviceRegistration::Registered { escrowed_key } => Ok(Json(SignInResponse {
            token,
            device_id,
            staff: staff.into(),
            escrowed_key,
        })),
        DeviceRegistration::Revoked => Err(AppError::Wipe),
        DeviceRegistration::Taken => Err(AppError::DeviceTaken),
    }
}

/// `POST /api/v1/auth/sign-out`: forgets this device's token.
#[utoipa::path(
    post,
    path = "/api/v1/auth/sign-out",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The token no longer works"),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
    )
)]
pub async fn sign_out_post(
    State(state): State<AppState>,
    _device: AuthenticatedDevice,
    BearerTokenHash(hash): BearerTokenHash,
) -> Result<axum::http::StatusCode, AppError> {
    state
        .with_store(move |store| store.forget_token(&hash))
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// `GET /api/v1/me`: the signed-in staff member and this device.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, body = MeResponse),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`wipe`", body = ErrorBody),
    )
)]
pub async fn me_get(device: AuthenticatedDevice) -> Json<MeResponse> {
    Json(MeResponse {
        staff: device.staff.into(),
        device: DeviceInfo {
            id: device.device_id,
            label: device.label,
        },
    })
}
