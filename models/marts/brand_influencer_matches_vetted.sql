-- Like brand_influencer_matches, but drawn only from influencers with a fake-follower score whose
-- risk_level is not high: the list a brand can actually contract.
{{ brand_matches('vetted') }}
