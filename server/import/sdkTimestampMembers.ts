/**
 * Member names that the EC2 and ELBv2 SDK output shapes declare as timestamps (`Date`). The SDK parses
 * them into Date objects; the AWS CLI prints them as text, in a format that depends on its version and
 * settings (`2024-05-01T10:00:00.000Z`, `2024-05-01T10:00:00+00:00`). Import turns them back into
 * Dates, so an imported inventory has the SDK's shapes and hashes like a discovered one.
 * Derived from the installed SDK's type declarations; test/unit/importTimestamps.test.ts re-derives
 * the list and fails when an SDK upgrade changes it.
 */
export const SDK_TIMESTAMP_MEMBERS: ReadonlySet<string> = new Set([
  'AllocationTime', 'AnalysisEndTime', 'AnalysisStartTime', 'AnalysisStartTimeBegin', 'AnalysisStartTimeEnd', 'ArchivalCompleteTime',
  'AssociatedAt', 'AttachTime', 'CapacityBlockExtensionEndDate', 'CapacityBlockExtensionPurchaseDate', 'CapacityBlockExtensionStartDate', 'ChargeEndDate',
  'CheckUpdateTime', 'CommitmentEndDate', 'CompletionTime', 'CoolOffPeriodExpiresOn', 'CreateDate', 'CreateTime',
  'CreatedAt', 'CreatedDate', 'CreatedTime', 'CreationDate', 'CreationTime', 'CreationTimestamp',
  'CriticalFixAvailableSince', 'Deadline', 'DeleteTime', 'DeletionTime', 'DeletionTimestamp', 'DetectedAt',
  'DisabledTime', 'DisablingTime', 'EarliestDatapointTimestamp', 'EarliestTime', 'EffectiveDate', 'ElasticInferenceAcceleratorAssociationTime',
  'EnabledTime', 'EnablingTime', 'End', 'EndDate', 'EndDateRange', 'EndTime',
  'ExpectedEffectiveAt', 'Expiration', 'ExpirationDate', 'ExpirationTime', 'FindingScanDate', 'FirstObservedAt',
  'FirstSlotStartTime', 'HighFixAvailableSince', 'ImpairedSince', 'InformationalFixAvailableSince', 'LastAttemptedDiscoveryTime', 'LastEvaluatedTime',
  'LastMaintenanceApplied', 'LastModifiedTime', 'LastObservedAt', 'LastStatusChange', 'LastSuccessfulDiscoveryTime', 'LastTieringStartTime',
  'LastUpdateTime', 'LastUpdateTimestamp', 'LastUpdatedAt', 'LastUpdatedTime', 'LatestDatapointTimestamp', 'LatestDeliveryTime',
  'LatestTime', 'LaunchTime', 'LockCreatedOn', 'LockDurationStartTime', 'LockExpiresOn', 'LowFixAvailableSince',
  'MaintenanceAutoAppliedAfter', 'MediumFixAvailableSince', 'ModifyTime', 'NewCommitmentEndDate', 'NewStartDate', 'NextSlotStartTime',
  'NotAfter', 'NotBefore', 'NotBeforeDeadline', 'OldestSampleTime', 'OptimizingTime', 'OriginalStartDate',
  'OutputReservedInstancesWillExpireAt', 'PartitionEndDate', 'PartitionStartDate', 'PolicyCreatedAt', 'PreviousSlotEndTime', 'ProvisionTime',
  'PurchaseTime', 'RecycleBinEnterTime', 'RecycleBinExitTime', 'ReleaseTime', 'ReportCreationTime', 'RequestTime',
  'ReservationCreateTimestamp', 'ReservationEndTimestamp', 'ReservationStartTimestamp', 'RestoreExpiryTime', 'RestoreStartTime', 'ResumeAt',
  'RoaSampleTime', 'SampleTime', 'SampledEndTime', 'SampledStartTime', 'SourceImageCreationTime', 'Start',
  'StartDate', 'StartDateRange', 'StartTime', 'StateTransitionTime', 'StatusSince', 'StatusTimeStamp',
  'SuppressAt', 'TaskStartTime', 'TermEndDate', 'TermStartDate', 'TieringStartTime', 'Timestamp',
  'TransferOfferAcceptedTimestamp', 'TransferOfferExpirationTimestamp', 'UpdateDate', 'UpdateEffectiveAt', 'UpdateTime', 'UpdatedAt',
  'UpdatedDate', 'UploadEnd', 'UploadStart', 'UsageOperationUpdateTime', 'ValidFrom', 'ValidUntil',
  'VersionExpectedEffectiveAt', 'WatermarkCreationTime',
])
