using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;
using StreamEngine.Web.GraphQL.Transport;
using StreamEngine.Web.Hosting;

namespace StreamEngine.Web.Tests.Subscriptions;

/// <summary>Subscriptions of the same operation, variables and user resolve an event once between them and send the
/// same JSON; another user, other variables or another event resolve again.</summary>
public sealed class SharedEventResolutionTests
{
    /// <summary>The source all subscriptions listen to: one event object reaches each, as from the bus.</summary>
    private sealed class Feed
    {
        private readonly List<IObserver<object?>> _observers = [];

        public int Resolutions;

        public IObservable<object?> Events => new Source(this);

        public void Publish(object value)
        {
            foreach (var observer in _observers.ToList())
            {
                observer.OnNext(value);
            }
        }

        private sealed class Source(Feed feed) : IObservable<object?>
        {
            public IDisposable Subscribe(IObserver<object?> observer)
            {
                feed._observers.Add(observer);
                return new Leave(() => feed._observers.Remove(observer));
            }
        }

        private sealed class Leave(Action leave) : IDisposable
        {
            public void Dispose() => leave();
        }
    }

    private static global::GraphQL.Types.Schema Schema(Feed feed)
    {
        var tick = new ObjectGraphType { Name = "Tick" };
        tick.Field<StringGraphType>("label")
            .Resolve(context =>
            {
                Interlocked.Increment(ref feed.Resolutions);
                return ((Label)context.Source!).Text + ":" + context.GetArgument<string>("suffix");
            })
            .Argument<StringGraphType>("suffix");
        var subscription = new ObjectGraphType { Name = "Subscription" };
        subscription.Field("ticks", tick).ResolveStream(_ => feed.Events);
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("ok").Resolve(_ => "ok");
        var schema = new global::GraphQL.Types.Schema { Query = query, Subscription = subscription };
        schema.Initialize();
        return schema;
    }

    private sealed record Label(string Text);

    // One strategy for the whole server, as the host registers it.
    private readonly OneEventAtATime _strategy = new();

    private async Task<List<ExecutionResult>> SubscribeAsync(
        ISchema schema,
        GraphQLParser.AST.GraphQLDocument document,
        Guid? user,
        string suffix
    )
    {
        var current = new CurrentUser();
        if (user is { } id)
        {
            current.SignIn(new TokenPrincipal(id, Guid.NewGuid()));
        }

        var services = new ServiceCollection().BuildServiceProvider();
        var executer = StrategyExecuter.For(_strategy, GraphQLParser.AST.OperationType.Subscription);
        var result = await executer.ExecuteAsync(
            new ExecutionOptions
            {
                Schema = schema,
                Document = document,
                Variables = new Inputs(new Dictionary<string, object?> { ["suffix"] = suffix }),
                UserContext = new GraphQLUserContext(current),
                RequestServices = services,
            }
        );
        var received = new List<ExecutionResult>();
        result.Streams!.Values.Single().Subscribe(new Collect(received));
        return received;
    }

    private sealed class Collect(List<ExecutionResult> into) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }

        public void OnError(Exception error) => throw error;

        public void OnCompleted() { }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }

    private static (Feed Feed, global::GraphQL.Types.Schema Schema, GraphQLParser.AST.GraphQLDocument Document) Setup()
    {
        var feed = new Feed();
        var document = GraphQLParser.Parser.Parse(
            "subscription ($suffix: String) { ticks { label(suffix: $suffix) } }"
        );
        return (feed, Schema(feed), document);
    }

    [Fact]
    public async Task Twenty_subscriptions_of_one_user_resolve_an_event_once_and_share_its_json()
    {
        var (feed, schema, document) = Setup();
        var user = Guid.NewGuid();
        var subscribers = new List<List<ExecutionResult>>();
        for (var i = 0; i < 20; i++)
        {
            subscribers.Add(await SubscribeAsync(schema, document, user, "a"));
        }

        feed.Publish(new Label("first"));
        await WaitForAsync(() => subscribers.All(s => s.Count == 1));

        Assert.Equal(1, feed.Resolutions);
        var results = subscribers.Select(s => Assert.IsType<SharedEventResult>(s[0])).ToList();
        var serializer = new global::GraphQL.SystemTextJson.GraphQLSerializer();
        Assert.All(results, r => Assert.Equal("{\"data\":{\"ticks\":{\"label\":\"first:a\"}}}", r.Json(serializer)));
        Assert.All(results, r => Assert.Same(results[0].Json(serializer), r.Json(serializer)));
    }

    [Fact]
    public async Task Another_user_other_variables_and_the_next_event_each_resolve_on_their_own()
    {
        var (feed, schema, document) = Setup();
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var aliceA = await SubscribeAsync(schema, document, alice, "a");
        var aliceB = await SubscribeAsync(schema, document, alice, "b");
        var bobA = await SubscribeAsync(schema, document, bob, "a");
        var anonymous = await SubscribeAsync(schema, document, null, "a");

        feed.Publish(new Label("one"));
        feed.Publish(new Label("two"));
        await WaitForAsync(() => new[] { aliceA, aliceB, bobA, anonymous }.All(s => s.Count == 2));

        Assert.Equal(8, feed.Resolutions);
        var serializer = new global::GraphQL.SystemTextJson.GraphQLSerializer();
        Assert.Equal("{\"data\":{\"ticks\":{\"label\":\"two:b\"}}}", serializer.Serialize(aliceB[1]));
        Assert.Equal("{\"data\":{\"ticks\":{\"label\":\"one:a\"}}}", serializer.Serialize(bobA[0]));
    }
}
