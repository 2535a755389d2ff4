//! The OpenAPI document, snapshotted so that any change to the API shows in review.

#[test]
fn openapi_document_is_stable() {
    let (_, doc) = mumstrong_server::api::routes().split_for_parts();
    let doc = mumstrong_server::api::finish_openapi(doc);
    let mut json = serde_json::to_value(&doc).expect("serialisable");
    // The version changes with every release; the shape is what matters here.
    json["info"]["version"] = serde_json::Value::from("VERSION");
    insta::assert_json_snapshot!("openapi", json);
}
