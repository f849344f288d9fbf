using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;

namespace StreamEngine.Web.Tests;

/// <summary>A graphql-dotnet executer that runs one kind of operation with the strategy under test.</summary>
internal static class StrategyExecuter
{
    public static DocumentExecuter For(IExecutionStrategy strategy, OperationType operation) =>
        new(
            new GraphQLDocumentBuilder(),
            new global::GraphQL.Validation.DocumentValidator(),
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(strategy, operation)]),
            []
        );
}
