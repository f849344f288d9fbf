namespace StreamEngine.Application.Users;

/// <summary>Absolute links to put in e-mails, on the server's public address.</summary>
public interface ILinkBuilder
{
    Uri VerifyEmail(string token);

    Uri ResetPassword(string token);
}
