/** The field name of the honeypot: people never see it, form-filling bots do. */
export const HONEYPOT_FIELD = "contact_me_by_fax";
