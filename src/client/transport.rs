//! How the client layer reaches the server for everything but sync: one trait, implemented by
//! the same [`HttpTransport`] the sync client uses, so tests can put a scripted server in its
//! place.

use mentor_core::DeviceId;

use crate::api::{
    self, AuditPage, DeviceSummary, ImportPreview, ImportRequest, ImportResult, KeyEscrow,
    SignInRequest, SignInResponse,
};
use crate::sync::HttpTransport;

/// The server's non-sync routes, each named after what it does.
#[allow(async_fn_in_trait)] // Browser futures are !Send; nothing needs Send here.
pub trait ApiTransport {
    /// `POST /api/v1/auth/sign-in`.
    async fn sign_in(&self, request: &SignInRequest) -> api::Result<SignInResponse>;
    /// `POST /api/v1/auth/sign-out`.
    async fn sign_out(&self, token: &str) -> api::Result<()>;
    /// `PUT /api/v1/device/key`.
    async fn escrow_key(&self, token: &str, escrow: &KeyEscrow) -> api::Result<()>;
    /// `GET /api/v1/devices`.
    async fn devices(&self, token: &str) -> api::Result<Vec<DeviceSummary>>;
    /// `POST /api/v1/devices/{id}/revoke`.
    async fn revoke_device(&self, token: &str, device: DeviceId) -> api::Result<DeviceSummary>;
    /// `GET /api/v1/audit`, the latest page.
    async fn audit(&self, token: &str) -> api::Result<AuditPage>;
    /// `POST /api/v1/import/students/preview`.
    async fn preview_import(
        &self,
        token: &str,
        request: &ImportRequest,
    ) -> api::Result<ImportPreview>;
    /// `POST /api/v1/import/students/commit`, one part of a file.
    async fn commit_import(
        &self,
        token: &str,
        request: &ImportRequest,
    ) -> api::Result<ImportResult>;
}

impl ApiTransport for HttpTransport {
    async fn sign_in(&self, request: &SignInRequest) -> api::Result<SignInResponse> {
        api::sign_in(request).await
    }

    async fn sign_out(&self, token: &str) -> api::Result<()> {
        api::sign_out(token).await
    }

    async fn escrow_key(&self, token: &str, escrow: &KeyEscrow) -> api::Result<()> {
        api::escrow_key(token, escrow).await
    }

    async fn devices(&self, token: &str) -> api::Result<Vec<DeviceSummary>> {
        api::fetch_devices(token).await
    }

    async fn revoke_device(&self, token: &str, device: DeviceId) -> api::Result<DeviceSummary> {
        api::revoke_device(token, device).await
    }

    async fn audit(&self, token: &str) -> api::Result<AuditPage> {
        api::fetch_audit(token).await
    }

    async fn preview_import(
        &self,
        token: &str,
        request: &ImportRequest,
    ) -> api::Result<ImportPreview> {
        api::preview_student_import(token, request).await
    }

    async fn commit_import(
        &self,
        token: &str,
        request: &ImportRequest,
    ) -> api::Result<ImportResult> {
        api::commit_student_import(token, request).await
    }
}
