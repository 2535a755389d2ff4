-- What the web pages keep per account: her unit of weight, and the onboarding questionnaire
-- saved as she goes (a partial profile as JSON, and the last step she reached).
CREATE TABLE user_settings (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    unit TEXT NOT NULL DEFAULT 'kg',
    updated_at BIGINT NOT NULL
);

CREATE TABLE onboarding_drafts (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    draft_json TEXT NOT NULL,
    step TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
