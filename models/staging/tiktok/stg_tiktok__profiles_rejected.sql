{{ rejected_rows('base_tiktok__profiles', 'account_id') }}
