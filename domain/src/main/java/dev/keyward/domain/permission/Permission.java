package dev.keyward.domain.permission;

import java.util.Arrays;
import java.util.Optional;

/** The 37 permissions a token can hold, spelled exactly as in the API specification. */
public enum Permission {
    AIRunAsModify,
    AlertModify,
    AlertRead,
    BulkUpload,
    BulkUploadValidate,
    CloudsecSourceModify,
    CloudsecSourceRead,
    DataAnalyticsModify,
    DataAnalyticsRead,
    DestinationModify,
    DestinationRead,
    GeneralSettingsModify,
    GeneralSettingsRead,
    LogSourceModify,
    LogSourceRawDataRead,
    LogSourceRead,
    LookupModify,
    LookupRead,
    ManageAIResponses,
    ManageAISkills,
    McpServerModify,
    McpServerRead,
    NotificationsSend,
    OrganizationAPITokenModify,
    OrganizationAPITokenRead,
    PolicyModify,
    PolicyRead,
    ResourceModify,
    ResourceRead,
    RuleModify,
    RuleRead,
    RunPantherAI,
    SummaryRead,
    UserModify,
    UserRead,
    ViewAIPrivateResponses,
    ViewAISkills;

    /** Exact, case-sensitive lookup: "alertread" is not a permission. */
    public static Optional<Permission> named(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
