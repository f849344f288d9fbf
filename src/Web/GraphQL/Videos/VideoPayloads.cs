using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Common;

namespace StreamEngine.Web.GraphQL.Videos;

public sealed record VideoPayload(Video? Video, UploadSessionView? Upload, IReadOnlyList<Error> Errors);

public sealed class CreateVideoUploadPayloadType : ObjectGraphType<VideoPayload>
{
    public CreateVideoUploadPayloadType()
    {
        Name = "CreateVideoUploadPayload";
        Field<VideoType>("video").Resolve(c => c.Source.Video);
        Field<UploadSessionType>("upload").Resolve(c => c.Source.Upload);
        this.AddErrorsField(p => p.Errors);
    }
}

public sealed class VideoPayloadType : ObjectGraphType<VideoPayload>
{
    public VideoPayloadType()
    {
        Name = "VideoPayload";
        Field<VideoType>("video").Resolve(c => c.Source.Video);
        this.AddErrorsField(p => p.Errors);
    }
}

public sealed record DeletePayload(Guid? Id, IReadOnlyList<Error> Errors);

public sealed class AbortVideoUploadPayloadType : ObjectGraphType<DeletePayload>
{
    public AbortVideoUploadPayloadType()
    {
        Name = "AbortVideoUploadPayload";
        Field<IdGraphType>("abortedUploadId").Resolve(c => c.Source.Id);
        this.AddErrorsField(p => p.Errors);
    }
}

public sealed class DeleteVideoPayloadType : ObjectGraphType<DeletePayload>
{
    public DeleteVideoPayloadType()
    {
        Name = "DeleteVideoPayload";
        Field<IdGraphType>("deletedVideoId").Resolve(c => c.Source.Id);
        this.AddErrorsField(p => p.Errors);
    }
}

public sealed class CreateVideoUploadInput
{
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string FileName { get; set; } = string.Empty;

    public string ContentType { get; set; } = string.Empty;

    public long SizeBytes { get; set; }
}

public sealed class CreateVideoUploadInputType : InputObjectGraphType<CreateVideoUploadInput>
{
    public CreateVideoUploadInputType()
    {
        Name = "CreateVideoUploadInput";
        Field(x => x.Title);
        Field(x => x.Description, nullable: true);
        Field(x => x.FileName);
        Field(x => x.ContentType).Description("video/*, or application/octet-stream.");
        Field(x => x.SizeBytes, type: typeof(NonNullGraphType<LongGraphType>));
    }
}

public sealed class CompletedPartInput
{
    public int PartNumber { get; set; }

    public string Etag { get; set; } = string.Empty;
}

public sealed class CompletedPartInputType : InputObjectGraphType<CompletedPartInput>
{
    public CompletedPartInputType()
    {
        Name = "CompletedPartInput";
        Field(x => x.PartNumber);
        Field(x => x.Etag).Description("The ETag header the part's PUT answered with.");
    }
}

public sealed class CompleteVideoUploadInput
{
    public string UploadId { get; set; } = string.Empty;

    public List<CompletedPartInput> Parts { get; set; } = [];
}

public sealed class CompleteVideoUploadInputType : InputObjectGraphType<CompleteVideoUploadInput>
{
    public CompleteVideoUploadInputType()
    {
        Name = "CompleteVideoUploadInput";
        Field(x => x.UploadId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Parts, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CompletedPartInputType>>>));
    }
}

public sealed class UpdateVideoInput
{
    public string Id { get; set; } = string.Empty;

    public string? Title { get; set; }

    public string? Description { get; set; }

    public Visibility? Visibility { get; set; }
}

public sealed class UpdateVideoInputType : InputObjectGraphType<UpdateVideoInput>
{
    public UpdateVideoInputType()
    {
        Name = "UpdateVideoInput";
        Description = "Fields left out stay as they are.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Title, nullable: true);
        Field(x => x.Description, nullable: true);
        Field(x => x.Visibility, type: typeof(VisibilityType));
    }
}
