/** The private links given to a person, on their page: list, state, revoke. */
export const links = {
  tab: 'Private links',
  title: 'Private links',
  intro:
    'Links sent to this person: a safety plan, a topic or a page of services. A revoked link stops opening at once.',
  none: 'No links sent yet',
  noneHint: 'Links you make from the safety plan, Learn or the directory show here.',
  offline:
    'You are offline. Private links need a connection to see or revoke them. Try again when you have signal.',
  plan: 'Safety plan version {version}',
  topic: 'Topic: {title}',
  services_one: 'Page of 1 service',
  services_other: 'Page of {count} services',
  state_active: 'Active',
  state_expired: 'Expired',
  state_revoked: 'Revoked',
  sent: 'Sent {when} by {by}, in {language}',
  channel_whatsapp: 'By WhatsApp',
  channel_sms: 'By text message',
  channel_print: 'Printed',
  channel_link: 'As a link',
  opensUntil: 'Opens until {when}',
  expiredOn: 'Expired {when}',
  revokedBy: 'Revoked {when} by {by}',
  revoke: 'Revoke',
  revokeNamed: 'Revoke the link: {what}',
  revokeConfirm:
    'Revoke this link? It stops opening at once. The person will need a new link to see it again.',
  revokeYes: 'Yes, revoke it',
  revokeNo: 'Keep it',
  revoked: 'Link revoked. It no longer opens.',
};
