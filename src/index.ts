/**
 * crm-access: who may see, edit, own, share, reassign and delete each contact in a team CRM.
 * Pure functions over an immutable state: decode → decide → evolve → query.
 * @packageDocumentation
 */
export { initialState, type State } from "./state.js";
export {
  decide,
  evolve,
  execute,
  replay,
  replayEvent,
  type Executed,
  decideInput,
  executeInput,
  eitherDecider,
  decider,
  decodeCommand,
  decodeEvent,
  decodeConfiguration,
  COMMAND_TYPES,
  EVENT_TYPES,
  EVENT_SCHEMA_VERSIONS,
  type Command,
  type Event,
} from "./decider.js";
export {
  ERROR_CODES,
  HTTP_STATUS,
  OTHER_REFUSED_ACTIONS,
  type DomainError,
  type DomainErrorBase,
  type DomainErrorCode,
  type InvalidInputError,
  type NotPermittedError,
  type PlainError,
  type PlainErrorCode,
  type RefusedAction,
  type ReplayError,
} from "./errors.js";
export { RULE_IDS, type RuleId, type ContractId } from "./rules.js";
export { DEFAULT_CONFIGURATION, type Configuration } from "./configuration/configuration.js";
export { ACTIONS, type Action, type AccessLevel, type AccessReason, type Remedy } from "./permissions/access.js";
export { can, explain, explainFor, filterPermitted, type Explanation } from "./queries/check.js";
export { accessList, type AccessEntry, type Revocation } from "./queries/access-list.js";
export {
  visibleContacts,
  visibleCount,
  visiblePage,
  type VisibleFilter,
  type VisiblePage,
  type PageRequest,
} from "./queries/visible-contacts.js";
export { visibilityFilter, type VisibilityFilter, type VisibilityFilterOptions } from "./queries/visibility-filter.js";
export type { AccountRef } from "./wire.js";
export type {
  User,
  Team,
  TeamMember,
  Office,
  PermissionLevel,
  TeamRole,
  OfficeRole,
  StaffPermissions,
  StaffPermission,
} from "./accounts/model.js";
export type { Contact, ContactDetails, Grant, GrantLevel, Owner, Channel, LeadStatus } from "./contacts/model.js";
export { LEAD_STATUSES } from "./contacts/model.js";
export type { AccountCommand } from "./accounts/commands.js";
export type { ContactCommand } from "./contacts/commands.js";
export type { AccountEvent } from "./accounts/events.js";
export type { ContactEvent } from "./contacts/events.js";
export { getContact, getUser, getTeam, contactIds, getContactFile, isOptedOut, archiveOf } from "./queries/lookup.js";
export { isValidEmail, normalizePhone } from "./lifecycle/contact-points.js";
export type { LifecycleCommand, ArchiveReason, ContactAddress } from "./lifecycle/commands.js";
export type { LifecycleEvent } from "./lifecycle/events.js";
export type { ArchiveEntry, OptOut } from "./lifecycle/model.js";
export { project, type ContactView, type Withheld } from "./queries/projection.js";
export type { ContactFile, Note, Loan, Activity, Task } from "./profile/model.js";
export type { FileCommand } from "./profile/commands.js";
export type { FileEvent } from "./profile/events.js";
export type { SharingCommand } from "./sharing/commands.js";
export type { SharingEvent } from "./sharing/events.js";
export {
  toSnapshot,
  toCompactSnapshot,
  fromSnapshot,
  type Snapshot,
  type CompactSnapshot,
  type SnapshotOptions,
} from "./snapshot/snapshot.js";
export { replayAsync } from "./replay/async.js";
export { resolveStep, type StepResolution, type StepOutcome, type Designation } from "./smartplans/resolve.js";
export { stepAssignments, type StepAssignment } from "./queries/step-assignments.js";
export { openTasks, type OpenTask } from "./queries/tasks.js";
export { newsletterDelivery, type NewsletterDelivery } from "./smartplans/newsletter.js";
export type {
  SmartPlan,
  Step,
  StepKind,
  AgentRole,
  AgentDefaults,
  Messaging,
  Enrolment,
  TextRoute,
} from "./smartplans/model.js";
export type { SmartPlanCommand } from "./smartplans/commands.js";
export type { SmartPlanEvent } from "./smartplans/events.js";
export { messagingOf } from "./smartplans/resolve.js";
export { PRESETS, type PresetName } from "./configuration/presets.js";
export { policyImpact, type PolicyImpact, type ImpactChange } from "./queries/policy-impact.js";
export { accessAt, accessTimeline, type AccessChange } from "./history/access-history.js";
export type { PersistentMap, PersistentSet } from "./collections/persistent-map.js";
export {
  visibleOpportunities,
  visibleCampaigns,
  type OpportunityFilter,
  type VisibleOpportunity,
  type VisibleCampaign,
} from "./applets/queries.js";
export { previewCampaign, type CampaignPreview, type CampaignDelivery } from "./applets/decide.js";
export {
  OPPORTUNITY_STAGES,
  type Opportunity,
  type OpportunityStage,
  type Campaign,
  type Audience,
  type Applets,
} from "./applets/model.js";
export type { AppletCommand } from "./applets/commands.js";
export type { AppletEvent } from "./applets/events.js";
export { usableAssets } from "./assets/query.js";
export {
  BUILT_IN_LEAD_SOURCES,
  ASSET_LIMITS,
  type Asset,
  type AssetKind,
  type ContactAssets,
  type FieldSpec,
  type FieldType,
  type FieldValue,
  type LeadSourceRef,
} from "./assets/model.js";
export type { AssetCommand } from "./assets/commands.js";
export type { AssetEvent } from "./assets/events.js";
export { DEFAULT_TEAM_ASSETS } from "./configuration/configuration.js";

// types: one named type per command and per event, beside the union of its domain
export type {
  OpenOffice,
  RegisterUser,
  ChangeStaffPermissions,
  ChangeOfficeRole,
  DeactivateUser,
  ReactivateUser,
  ChangeConfiguration,
  CreateTeam,
  AddTeamMember,
  ChangeMemberLevel,
  RemoveTeamMember,
} from "./accounts/commands.js";
export type {
  CreateOpportunity,
  UpdateOpportunity,
  CloseOpportunity,
  DeleteOpportunity,
  CreateCampaign,
  DeleteCampaign,
  AddCampaignMember,
  RemoveCampaignMember,
  SendCampaign,
} from "./applets/commands.js";
export type {
  CreateAsset,
  RenameAsset,
  DeleteAsset,
  TagContact,
  UntagContact,
  SetFieldValue,
  ClearFieldValue,
  SetLeadSource,
  ClearLeadSource,
} from "./assets/commands.js";
export type {
  AddContact,
  ImportContacts,
  GrantAccess,
  RevokeAccess,
  ChangePrimary,
  UnassignSelf,
  ChangeOwner,
  MoveContact,
  LinkToListing,
  DeleteContact,
  EditContact,
  AddContactPoint,
  RemoveContactPoint,
  SetLeadStatus,
} from "./contacts/commands.js";
export type { ArchiveContact, UnarchiveContact, RecordOptOut, RecordOptIn } from "./lifecycle/commands.js";
export type {
  AddNote,
  AddLoan,
  CloseLoan,
  AddToGroup,
  RecordActivity,
  AddTask,
  CompleteTask,
} from "./profile/commands.js";
export type {
  StartPartnership,
  EndPartnership,
  ShareContact,
  UnshareContact,
  AssignToPartner,
  AssignContact,
  ReassignContacts,
  TransferContacts,
} from "./sharing/commands.js";
export type {
  CreateSmartPlan,
  SetAgentDefaults,
  SetStepDesignee,
  EnrolContact,
  UnenrolContact,
  SetMessagingPlan,
  AddTwilioCredits,
  RunStep,
  ReceiveText,
} from "./smartplans/commands.js";
export type {
  OfficeOpened,
  UserRegistered,
  StaffPermissionsChanged,
  OfficeRoleChanged,
  UserDeactivated,
  UserReactivated,
  ConfigurationChanged,
  TeamCreated,
  TeamMemberAdded,
  MemberLevelChanged,
  TeamMemberRemoved,
} from "./accounts/events.js";
export type {
  OpportunityCreated,
  OpportunityUpdated,
  OpportunityClosed,
  OpportunityDeleted,
  OpportunityUnlinked,
  CampaignCreated,
  CampaignDeleted,
  CampaignMemberAdded,
  CampaignMemberRemoved,
  CampaignEmailSent,
  CampaignEmailSkipped,
  CampaignSent,
} from "./applets/events.js";
export type {
  AssetCreated,
  AssetRenamed,
  AssetDeleted,
  ContactTagged,
  ContactUntagged,
  FieldValueSet,
  FieldValueCleared,
  LeadSourceSet,
  LeadSourceCleared,
} from "./assets/events.js";
export type {
  ContactAdded,
  ContactMatched,
  ImportRowRefused,
  ContactsImported,
  AccessGranted,
  AccessRevoked,
  PrimaryChanged,
  OwnershipChanged,
  ContactMoved,
  ContactLinkedToListing,
  ContactDeleted,
  ContactEdited,
  LeadStatusChanged,
} from "./contacts/events.js";
export type { ContactArchived, ContactUnarchived, OptedOut, OptedIn } from "./lifecycle/events.js";
export type {
  NoteAdded,
  LoanAdded,
  LoanClosed,
  AddedToGroup,
  ActivityRecorded,
  TaskAdded,
  TaskCompleted,
} from "./profile/events.js";
export type {
  PartnershipStarted,
  PartnershipEnded,
  ReassignmentRefused,
  ContactsReassigned,
  TransferRefused,
  ContactsTransferred,
} from "./sharing/events.js";
export type {
  SmartPlanCreated,
  AgentDefaultsChanged,
  StepDesigneeChanged,
  ContactEnrolled,
  ContactUnenrolled,
  MessagingPlanChanged,
  TwilioCreditsAdded,
  TwilioAllotmentCredited,
  TextReceived,
  TextUnrouted,
  EmailSent,
  TextSent,
  TaskCreated,
  StepFailed,
  StepDeferred,
} from "./smartplans/events.js";
