-- The partner inbox finds referrals by the services a partner answers for (partner_service),
-- no longer by directory organization: one index for that walk, newest first.
create index referral_service_idx on referral (org_id, service_id, created_at desc);
