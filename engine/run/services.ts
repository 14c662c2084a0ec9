import { isJsonObject, type JsonObject, type JsonValue } from '../asl/types.js';

/**
 * What Step Functions' optimized integrations add around a service call, as the guide's
 * integration pages describe it. The service itself is the workspace's handler; these rules are
 * the parts Step Functions plays between the task and the service.
 */

/** A service integration's resource, split as the history records it (`events`, `putEvents`). */
export interface ServiceResource {
	readonly resourceType: string;
	readonly resourceName: string;
}

/**
 * The request a service receives for a task's effective parameters. The optimized EventBridge
 * integration appends the state machine's and the execution's ARNs to the `Resources` of each
 * `PutEvents` entry (guide, "Add EventBridge events with Step Functions": "The execution ARN and
 * the state machine ARN are automatically appended to the Resources field of each
 * PutEventsRequestEntry"). The optimized MediaConvert integration tags the jobs it creates (guide,
 * "Create an AWS Elemental MediaConvert job with Step Functions": "Step Functions will add the
 * following custom tag to MediaConvert jobs: ManagedByService: AWSStepFunctions"). Other services
 * receive the parameters unchanged.
 *
 * @param context the state's context object (`$$`), for `StateMachine.Id` and `Execution.Id`.
 */
export function serviceRequest(
	service: ServiceResource,
	params: JsonValue,
	context: JsonValue
): JsonValue {
	if (isMediaConvertJob(service) && isJsonObject(params)) return withManagedByTag(params);
	if (!isPutEvents(service) || !isJsonObject(params) || !Array.isArray(params.Entries))
		return params;
	const ctx = isJsonObject(context) ? context : {};
	const arns = [field(ctx.StateMachine, 'Id'), field(ctx.Execution, 'Id')].filter(
		(arn): arn is string => typeof arn === 'string'
	);
	const entries = params.Entries.map((entry) => {
		if (!isJsonObject(entry)) return entry;
		const resources = Array.isArray(entry.Resources) ? entry.Resources : [];
		return { ...entry, Resources: [...resources, ...arns] };
	});
	return { ...params, Entries: entries };
}

/**
 * The failure Step Functions reports for a service response that succeeded as a call, or
 * `undefined`. The optimized EventBridge integration fails the task when `PutEvents` answers
 * with a non-zero `FailedEntryCount` (guide: "then the Task state fails with the error
 * EventBridge.FailedEntry"); API Gateway and HTTP Tasks fail it for a status code other than
 * 2XX. Only the request-response pattern: with `.waitForTaskToken` the handler's answer is the
 * callback's output, not the service's response. The ECS rule is the exception: it applies only
 * to `.sync` and `.waitForTaskToken` (see `ecsFailure`).
 */
export function serviceFailure(
	service: ServiceResource,
	response: JsonValue
): { error: string; cause: string } | undefined {
	if (!isJsonObject(response)) return undefined;
	if (service.resourceType === 'apigateway' && service.resourceName === 'invoke') {
		return statusFailure(response, 'ApiGateway.');
	}
	if (service.resourceType === 'http' && service.resourceName === 'invoke') {
		return statusFailure(response, 'States.Http.StatusCode.');
	}
	if (
		service.resourceType === 'ecs' &&
		/^runTask\.(sync|waitForTaskToken)$/.test(service.resourceName)
	) {
		return ecsFailure(response);
	}
	if (service.resourceType !== 'events' || service.resourceName !== 'putEvents') return undefined;
	const failed = response.FailedEntryCount;
	if (typeof failed !== 'number' || failed === 0) return undefined;
	// Differs from AWS: the guide gives no cause text; the cause is the PutEvents response, so a
	// Catch can read which entries failed and why.
	return { error: 'EventBridge.FailedEntry', cause: JSON.stringify(response) };
}

/**
 * A response whose status code is not 2XX fails the task with the code in the error's name.
 * API Gateway (guide, "Call API Gateway with Step Functions", Error handling): "If the HTTP status
 * code is available, then the error will be returned in the format ApiGateway.<HTTP Status
 * Code>" and "the cause is returned as a string", as in its example: error "ApiGateway.403",
 * cause "{\"message\":\"Missing Authentication Token\"}" (the response body). "A status code of
 * 2XX indicates success". An HTTP Task reports `States.Http.StatusCode.<code>`, the name its
 * users' Retry and Catch fields match (the guide lists the `States.Http.` errors without this
 * one's cause); its cause is taken to be the response body too.
 */
function statusFailure(
	response: JsonObject,
	prefix: string
): { error: string; cause: string } | undefined {
	const status = response.StatusCode;
	if (typeof status !== 'number' || (status >= 200 && status < 300)) return undefined;
	const body = response.ResponseBody;
	const cause = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
	return { error: `${prefix}${status}`, cause };
}

/**
 * The response Step Functions passes on for a service's successful answer. The optimized AWS Glue
 * integration adds the request's job name (guide, "Start an AWS Glue job with Step Functions":
 * "The JobName field is extracted from the request and inserted into the response, which
 * normally only contains JobRunID"). Not with `.waitForTaskToken`, whose answer is the callback's
 * output. Other responses pass unchanged.
 */
export function serviceResponse(
	service: ServiceResource,
	request: JsonValue,
	response: JsonValue
): JsonValue {
	const glueRun =
		service.resourceType === 'glue' && /^startJobRun(\.sync)?$/.test(service.resourceName);
	if (!glueRun || !isJsonObject(response) || !isJsonObject(request)) return response;
	const name = request.JobName;
	if (typeof name !== 'string' || response.JobName !== undefined) return response;
	return { JobName: name, ...response };
}

/**
 * When Step Functions sees a Run a Job (`.sync`) task's job end, `ranMs` after it started. Amazon
 * EMR and EMR on EKS jobs are polled (guide, "Create and manage Amazon EMR clusters with Step
 * Functions" and the EMR on EKS page: "Step Functions has a hard-coded 60 seconds job polling
 * frequency for the first 10 minutes and 300 seconds after that"), so their end is seen at the
 * first poll after it: every minute up to 10 minutes, then every 5 minutes. Other jobs are seen
 * when they end.
 */
export function jobSeenDoneMs(service: ServiceResource, ranMs: number): number {
	if (service.resourceType !== 'elasticmapreduce' && service.resourceType !== 'emr-containers') {
		return ranMs;
	}
	const minute = 60_000;
	const early = 10 * minute;
	if (ranMs <= early) return Math.max(1, Math.ceil(ranMs / minute)) * minute;
	return early + Math.ceil((ranMs - early) / (5 * minute)) * 5 * minute;
}

/**
 * `ecs:runTask` may answer HTTP 200 with a non-empty `Failures` list. The optimized integration
 * (guide, "Run Amazon ECS or Fargate tasks with Step Functions") returns such a response with
 * Request Response, but with Run a Job or Task Token "If a non-empty Failures field is
 * encountered, the task is failed with an AmazonECS.Unknown error".
 */
function ecsFailure(response: JsonObject): { error: string; cause: string } | undefined {
	const failures = response.Failures;
	if (!Array.isArray(failures) || failures.length === 0) return undefined;
	// Differs from AWS: the guide gives no cause text; the cause is the RunTask response.
	return { error: 'AmazonECS.Unknown', cause: JSON.stringify(response) };
}

/** `mediaconvert:createJob`, with Request Response or Run a Job (.sync). */
function isMediaConvertJob(service: ServiceResource): boolean {
	return (
		service.resourceType === 'mediaconvert' && /^createJob(\.sync)?$/.test(service.resourceName)
	);
}

/** A CreateJob request with the `ManagedByService: AWSStepFunctions` tag among its `Tags`. */
function withManagedByTag(params: JsonObject): JsonObject {
	const tags = isJsonObject(params.Tags) ? params.Tags : {};
	return { ...params, Tags: { ...tags, ManagedByService: 'AWSStepFunctions' } };
}

function isPutEvents(service: ServiceResource): boolean {
	return service.resourceType === 'events' && /^putEvents(\.|$)/.test(service.resourceName);
}

function field(value: JsonValue | undefined, key: string): JsonValue | undefined {
	return isJsonObject(value) ? value[key] : undefined;
}
