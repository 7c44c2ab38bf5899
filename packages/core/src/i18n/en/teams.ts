/** Admin → Teams: a supervisor and the community health workers they support. */
export const teams = {
  title: 'Teams',
  emptyTitle: 'No teams yet',
  emptyBody:
    'A team is a supervisor and the community health workers they support. Create the first one with the “Create a team” button.',
  supervisor: 'Supervisor',
  members: 'Community health workers',
  noMembers: 'No one yet',
  add: 'Create a team',
  closeForm: 'Close the form',
  formTitle: 'New team',
  name: 'Team name',
  pickSupervisor: 'Choose a supervisor',
  noSupervisors: 'There is no active supervisor yet. Add one in Users first.',
  pickMembers: 'Community health workers on this team',
  noChws: 'There are no active community health workers yet. You can add them to the team later.',
  create: 'Create team',
  creating: 'Creating…',
  created: 'The team “{name}” was created.',
} as const;
