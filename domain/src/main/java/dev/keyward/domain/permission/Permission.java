package dev.keyward.domain.permission;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /** By name, one lookup each: a permission query may name 50 (a scan of {@link #values()} copied the array every time). */
    private static final Map<String, Permission> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Permission::name, permission -> permission));

    /** Exact, case-sensitive lookup: "alertread" is not a permission. */
    public static Optional<Permission> named(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
