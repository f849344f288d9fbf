using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamEngine.Domain.Users;

namespace StreamEngine.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Email).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.Handle).HasMaxLength(Handle.MaxLength).IsRequired();
        builder.HasIndex(u => u.Handle).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(User.MaxDisplayNameLength).IsRequired();
        builder.Property(u => u.Bio).HasMaxLength(User.MaxBioLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(512);
        builder.Property(u => u.GoogleSubject).HasMaxLength(255);
        builder.HasIndex(u => u.GoogleSubject).IsUnique();
        builder.Ignore(u => u.IsEmailVerified);

        // Each login attempt is counted before its password is checked; racing attempts conflict on the count
        // instead of all passing a check that read the same number.
        builder.Property(u => u.FailedLoginCount).IsConcurrencyToken();
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        // Two refreshes racing with the same token: the second write fails instead of forking the session.
        builder.Property(s => s.CurrentTokenHash).HasMaxLength(64).IsRequired().IsConcurrencyToken();
        builder.Property(s => s.RetiredTokenHashes).HasMaxLength((Session.RetiredTokensKept * 65) - 1).IsRequired();
        builder.Property(s => s.Device).HasMaxLength(200);
        builder.Property(s => s.RevokedReason).HasMaxLength(64);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> builder)
    {
        builder.ToTable("one_time_codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Purpose).HasConversion<int>();
        builder.Property(c => c.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(c => c.TokenHash).IsUnique();
        builder.Property(c => c.CodeHash).HasMaxLength(64).IsRequired();

        // An attempt is counted before the code is compared; racing attempts conflict here (see FailedLoginCount).
        builder.Property(c => c.FailedAttempts).IsConcurrencyToken();
        builder.HasIndex(c => new
        {
            c.UserId,
            c.Purpose,
            c.CreatedAt,
        });
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
