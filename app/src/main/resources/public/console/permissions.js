/*
 * The 37 permissions of the API, grouped the way an admin thinks about them, each with the
 * console name shown next to the API name. PermissionTableTest checks this table against the
 * domain's Permission enum, so a permission added there cannot be forgotten here.
 */
export const PERMISSION_GROUPS = Object.freeze([
  {
    title: 'API tokens',
    permissions: [
      ['OrganizationAPITokenRead', 'Read API Token Info'],
      ['OrganizationAPITokenModify', 'Manage API Tokens'],
    ],
  },
  {
    title: 'Alerts and detections',
    permissions: [
      ['AlertRead', 'View Alerts'],
      ['AlertModify', 'Manage Alerts'],
      ['RuleRead', 'View Rules'],
      ['RuleModify', 'Manage Rules'],
      ['PolicyRead', 'View Policies'],
      ['PolicyModify', 'Manage Policies'],
      ['BulkUpload', 'Bulk Upload Detections'],
      ['BulkUploadValidate', 'Validate Bulk Uploads'],
    ],
  },
  {
    title: 'Cloud security',
    permissions: [
      ['CloudsecSourceRead', 'View Cloud Security Sources'],
      ['CloudsecSourceModify', 'Manage Cloud Security Sources'],
      ['ResourceRead', 'View Resources'],
      ['ResourceModify', 'Manage Resources'],
    ],
  },
  {
    title: 'Data and log sources',
    permissions: [
      ['LogSourceRead', 'View Log Sources'],
      ['LogSourceModify', 'Manage Log Sources'],
      ['LogSourceRawDataRead', 'View Log Source Raw Data'],
      ['LookupRead', 'View Lookup Tables'],
      ['LookupModify', 'Manage Lookup Tables'],
      ['DataAnalyticsRead', 'Query Data Lake'],
      ['DataAnalyticsModify', 'Manage Saved and Scheduled Queries'],
      ['SummaryRead', 'View Overview Metrics'],
    ],
  },
  {
    title: 'Destinations and notifications',
    permissions: [
      ['DestinationRead', 'View Destinations'],
      ['DestinationModify', 'Manage Destinations'],
      ['NotificationsSend', 'Send Notifications'],
    ],
  },
  {
    title: 'Users and settings',
    permissions: [
      ['UserRead', 'Read User Info'],
      ['UserModify', 'Manage Users'],
      ['GeneralSettingsRead', 'View General Settings'],
      ['GeneralSettingsModify', 'Manage General Settings'],
    ],
  },
  {
    title: 'AI and MCP',
    permissions: [
      ['RunPantherAI', 'Run AI Assistant'],
      ['AIRunAsModify', 'Manage AI Run-As Identity'],
      ['ViewAISkills', 'View AI Skills'],
      ['ManageAISkills', 'Manage AI Skills'],
      ['ManageAIResponses', 'Manage AI Responses'],
      ['ViewAIPrivateResponses', 'View Private AI Responses'],
      ['McpServerRead', 'View MCP Servers'],
      ['McpServerModify', 'Manage MCP Servers'],
    ],
  },
].map(function (group) {
  return Object.freeze({
    title: group.title,
    permissions: Object.freeze(group.permissions.map(function (pair) {
      return Object.freeze({ name: pair[0], label: pair[1] });
    })),
  });
}));

/** The console name of each permission, by API name. */
export const LABELS = Object.freeze(Object.fromEntries(PERMISSION_GROUPS.flatMap(function (group) {
  return group.permissions.map(function (permission) {
    return [permission.name, permission.label];
  });
})));

/** Every permission's API name, in the order of the table. */
export const ALL_PERMISSIONS = Object.freeze(Object.keys(LABELS));
