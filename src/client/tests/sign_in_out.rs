//! Signing in and out: what is stored when, and what a `wipe` answer does.

use super::*;

#[test]
fn signing_in_stores_the_session_the_server_issued() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    server.sign_in.replace(Some(Ok(SignInResponse {
        token: "token-1".to_owned(),
        device_id: device(7),
        staff: staff("staff-1"),
        escrowed_key: None,
    })));
    let credentials = Credentials {
        email: "  admin@school.example ".to_owned(),
        password: "correct horse".to_owned(),
    };
    let signed = run(sign_in(&store, &server, &credentials, "iPad".to_owned())).unwrap();
    assert_eq!(signed.session.token, "token-1");
    assert_eq!(
        run(store.session()).unwrap(),
        None,
        "stored only once a PIN is chosen"
    );
    run(begin_session(&store, &signed.session)).unwrap();
    assert_eq!(run(store.session()).unwrap(), Some(signed.session));
    assert_eq!(
        run(store.device_id()).unwrap(),
        device(7),
        "the issued id is adopted"
    );
    assert_eq!(
        server.calls(),
        vec![Call::SignIn("admin@school.example".to_owned())],
        "the email is sent trimmed"
    );
}

#[test]
fn a_failed_sign_in_stores_nothing_and_says_why() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    let credentials = Credentials {
        email: "admin@school.example".to_owned(),
        password: "x".to_owned(),
    };
    let error = run(sign_in(&store, &server, &credentials, "iPad".to_owned())).unwrap_err();
    assert!(error.contains("needs a connection"), "{error}");
    assert_eq!(run(store.session()).unwrap(), None);
}

#[test]
fn signing_out_erases_everything_on_the_device() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    run(store.set_session(Some(session("token-1", "staff-1")))).unwrap();
    let before = run(store.device_id()).unwrap();
    run(save_edit(&store, student(1, "Rowan"))).unwrap();
    // The server cannot be reached: the device signs out all the same.
    run(sign_out(&store, &server)).unwrap();
    assert_eq!(run(store.session()).unwrap(), None);
    assert_eq!(server.calls(), vec![Call::SignOut("token-1".to_owned())]);
    assert_eq!(run(store.pending_count()).unwrap(), 0);
    assert!(run(store.view(EntityKind::Student)).unwrap().is_empty());
    assert_ne!(
        run(store.device_id()).unwrap(),
        before,
        "the next person signs in as a new device"
    );
}

#[test]
fn a_sign_in_answered_wipe_erases_the_device_and_signs_in_as_a_new_one() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    run(store.set_session(Some(session("token-1", "staff-1")))).unwrap();
    run(save_edit(&store, student(1, "Rowan"))).unwrap();
    let revoked = run(store.device_id()).unwrap();
    server.sign_in.replace(Some(Err(ApiError::Refused {
        status: 403,
        code: ErrorCode::Wipe,
        message: "This device was removed.".to_owned(),
    })));
    let credentials = Credentials {
        email: "mentor@school.example".to_owned(),
        password: "correct horse battery".to_owned(),
    };
    let error = run(sign_in(&store, &server, &credentials, "iPad".to_owned())).unwrap_err();
    // Asked again as the new device (the scripted server is unreachable the second time).
    assert_eq!(server.calls().len(), 2);
    assert!(error.contains("cannot be reached"), "{error}");
    assert_eq!(run(store.pending_count()).unwrap(), 0);
    assert_eq!(run(store.session()).unwrap(), None);
    assert_ne!(run(store.device_id()).unwrap(), revoked);
}
