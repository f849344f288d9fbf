using System.Diagnostics;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using StreamEngine.Infrastructure.RateLimiting;
using StreamEngine.Infrastructure.Telemetry;
using StreamEngine.Web.GraphQL.Limits;
using StreamEngine.Web.Telemetry;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Runs one GraphQL request (from HTTP or a WebSocket) against the schema with our limits, error shaping and
/// metrics. The transports only translate between their wire format and this.</summary>
public sealed class GraphQLRequestExecutor
{
    private readonly ISchema _schema;
    private readonly IDocumentExecuter _executer;
    private readonly GraphQLMetrics _metrics;
    private readonly ILogger<GraphQLRequestExecutor> _logger;
    private readonly IValidationRule[] _rules;
    private readonly IValidationRule[] _requestRules;
    private readonly ValidatedDocuments _validated = new();
    private readonly GraphQLOptions _options;
    private readonly SecurityMetrics _security;

    private readonly IRateLimiter _limiter;
    private readonly Persisted.TrustedDocuments _trusted;
    private readonly IOptions<RateLimitingOptions> _limits;

    public GraphQLRequestExecutor(
        ISchema schema,
        IDocumentExecuter executer,
        IOptions<GraphQLOptions> options,
        IRateLimiter limiter,
        IOptions<RateLimitingOptions> limits,
        GraphQLMetrics metrics,
        SecurityMetrics security,
        Persisted.TrustedDocuments trusted,
        ILogger<GraphQLRequestExecutor> logger
    )
    {
        _trusted = trusted;
        _security = security;
        _limiter = limiter;
        _limits = limits;
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _schema = schema;
        _executer = executer;
        _metrics = metrics;
        _logger = logger;
        var complexity = new ComplexityOptions
        {
            MaxDepth = options.Value.MaxDepth,
            MaxComplexity = options.Value.MaxComplexity,
            ValidateComplexityDelegate = async context =>
            {
                if (context.ValidationContext.UserContext is GraphQLUserContext user)
                {
                    user.Complexity = context.TotalImpact;
                    if (await RateLimitAsync(context.ValidationContext, user, context.TotalImpact) is { } refused)
                    {
                        _security.RateLimited(refused.Policy.Name);
                        context.Error = new RateLimitedError(refused);
                    }
                }
            },
        };

        // Introspection reads the schema in memory: it costs nothing, so an IDE's full introspection query always fits.
        var standardImpact = complexity.DefaultComplexityImpactDelegate;
        complexity.DefaultComplexityImpactDelegate = context =>
        {
            if (
                context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
                || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
            )
            {
                return new FieldComplexityResult(0, 1);
            }

            // nodes(ids:) fetches one object per id: it costs as a list of that many.
            if (context.ParentType.Name == "Query" && context.FieldDefinition.Name == "nodes")
            {
                var ids = Math.Max(
                    1,
                    (context.GetArgument<object?>("ids") as System.Collections.ICollection)?.Count ?? 1
                );
                return new FieldComplexityResult(ids, ids);
            }

            // A connection's edges and nodes count as many rows as asked for (first/last, which the standard rule
            // reads), or as the default page size when neither is given.
            var result = standardImpact(context);
            return
                context.FieldDefinition.ResolvedType?.GetNamedType() is not null
                && context.FieldDefinition.ResolvedType
                    is ListGraphType
                        or NonNullGraphType { ResolvedType: ListGraphType }
                && context.Parent is { } parent
                && parent.FieldDefinition.Arguments?.Find("first") is not null
                && parent.GetArgument<int?>("first") is null
                && parent.GetArgument<int?>("last") is null
                ? new FieldComplexityResult(result.FieldImpact, Application.Abstractions.PageRequest.DefaultSize)
                : result;
        };
        var rules = DocumentValidator.CoreRules.Append(new ComplexityValidationRule(complexity));
        if (!options.Value.EnableIntrospection)
        {
            rules = rules.Append(NoIntrospectionValidationRule.Instance);
        }

        _rules = [.. rules];

        // A document that passed every rule once needs only the rule that depends on the request.
        _requestRules = [new ComplexityValidationRule(complexity)];
    }

    public ISchema Schema => _schema;

    /// <summary>Checks the policies an operation falls under, most specific first: authentication mutations and upload
    /// creation have their own strict buckets; every operation pays its complexity in the GraphQL bucket. Returns the
    /// refusal, or null.</summary>
    private async Task<RateLimitDecision?> RateLimitAsync(
        ValidationContext validation,
        GraphQLUserContext user,
        double complexity
    )
    {
        var limits = _limits.Value;
        if (!limits.Enabled)
        {
            return null;
        }

        var client = user.CurrentUser.UserId?.ToString("N") ?? "ip:" + user.CurrentUser.ClientAddress;
        var ct = validation.CancellationToken;
        if (validation.Operation.Operation == OperationType.Mutation)
        {
            // Every occurrence pays, fragments and aliases included: 40 logins cost 40 tokens, not one.
            var shape =
                user.Shape ?? DocumentShape.Measure(validation.Document, validation.Operation.Name?.StringValue);
            var authentication = shape?.CountRoot(DocumentLimits.AuthenticationFields) ?? 1;
            if (
                authentication > 0
                && await _limiter.TryAcquireAsync(
                    limits.AuthenticationMutations,
                    "ip:" + user.CurrentUser.ClientAddress,
                    authentication,
                    ct
                )
                    is { Allowed: false } auth
            )
            {
                return auth;
            }

            var uploads = shape?.CountRoot(["createVideoUpload"]) ?? 1;
            if (
                uploads > 0
                && await _limiter.TryAcquireAsync(limits.UploadCreation, client, uploads, ct)
                    is { Allowed: false } upload
            )
            {
                return upload;
            }
        }

        var policy = limits.GraphQLOperations;
        var cost = Math.Clamp(Math.Ceiling(complexity / limits.ComplexityPerToken), 1, policy.Client.Capacity);
        var decision = await _limiter.TryAcquireAsync(policy, client, cost, ct);
        user.RateLimit = decision;
        user.Cost = cost;
        return decision.Allowed ? null : decision;
    }

    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request,
        GraphQLDocument? document,
        GraphQLUserContext userContext,
        IServiceProvider services,
        string transport,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(userContext);
        var started = Stopwatch.GetTimestamp();
        using var span = StreamEngineTracing.Source.StartActivity("graphql", ActivityKind.Internal);
        var validated = _validated.Find(request.Query);
        document = validated ?? document ?? ValidatedDocuments.TryParse(request.Query);
        if (!_trusted.Allows(request.Query, document))
        {
            // Checked here, so a WebSocket subscribe is held to the manifest as an HTTP request is.
            var untrusted = new ExecutionResult { Executed = false };
            untrusted.AddError(
                new ExecutionError("Only the trusted documents may run here.")
                {
                    Code = Persisted.TrustedDocuments.NotAllowedCode,
                }
            );
            _security.DocumentRefused();
            return untrusted;
        }

        if (document is not null && DocumentShape.Measure(document, request.OperationName) is { } shape)
        {
            var type = DocumentShape.OperationOf(document, request.OperationName)?.Operation;
            if (DocumentLimits.Check(shape, type, _options) is { } refusal)
            {
                var refused = new ExecutionResult { Executed = false };
                refused.AddError(refusal);
                _security.DocumentRefused();
                _metrics.Record(_metrics.Label(null), "unknown", Stopwatch.GetElapsedTime(started), 1, transport);
                return refused;
            }

            userContext.Shape = shape;
        }

        var result = await _executer.ExecuteAsync(
            new ExecutionOptions
            {
                Schema = _schema,
                Query = request.Query,
                Document = document,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = services,
                UserContext = userContext,
                CancellationToken = ct,
                ValidationRules = validated is null ? _rules : _requestRules,
                ThrowOnUnhandledException = false,
                UnhandledExceptionDelegate = context =>
                {
                    if (UnavailableError.For(context.OriginalException) is { } unavailable)
                    {
                        _logger.LogWarning(
                            "GraphQL field {Field} answered {Code}: {Reason}",
                            context.FieldContext?.FieldDefinition.Name,
                            unavailable.Code,
                            context.OriginalException.Message
                        );
                        context.Exception = unavailable;
                    }
                    else if (context.Exception is not OperationCanceledException)
                    {
                        _logger.LogError(
                            context.Exception,
                            "Unhandled error in GraphQL field {Field}",
                            context.FieldContext?.FieldDefinition.Name
                        );
                    }

                    return Task.CompletedTask;
                },
            }
        );

        if (validated is null && result.Executed && document is not null && request.Query is not null)
        {
            _validated.Keep(request.Query, document);
        }

        var operationType = result.Operation?.Operation switch
        {
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            OperationType.Query => "query",
            _ => "unknown",
        };
        // The name as the executed document spells it, not the request's operationName (any string a client sends).
        var name = _metrics.Label(result.Operation?.Name?.StringValue);
        span?.SetTag("graphql.operation.type", operationType)
            .SetTag("graphql.operation.name", name)
            .SetTag("graphql.transport", transport)
            .DisplayName = $"{operationType} {name}";
        if (result.Errors?.Count > 0)
        {
            span?.SetStatus(ActivityStatusCode.Error);
        }

        _metrics.Record(name, operationType, Stopwatch.GetElapsedTime(started), result.Errors?.Count ?? 0, transport);
        return result;
    }

    /// <summary>A query's document: the validated one when this text ran before, else parsed now; null when it does
    /// not parse.</summary>
    public GraphQLDocument? Parse(string? query) => _validated.Find(query) ?? ValidatedDocuments.TryParse(query);
}
