using System.ComponentModel;
using Assistant.Ticketing.Customers;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.SemanticKernel.Plugins;

/// <summary>
/// Customer lookup for the model, bound to the user of this turn. It only confirms a number and e-mail pair
/// (with the verifier's attempt limit per user); it never lists customers or says whether a number exists.
/// The dialog still runs its own verification before granting contract features.
/// </summary>
public sealed class CustomerPlugin(ICustomerVerifier verifier, string operatorId, string userId)
{
    [KernelFunction("verify_customer")]
    [Description("Checks whether a customer number and an e-mail address, both written by the user, belong to the same customer under contract.")]
    public string VerifyCustomer(
        [Description("The customer number as the user wrote it")] string customerNumber,
        [Description("The user's e-mail address")] string email)
    {
        var result = verifier.Verify(operatorId, userId, customerNumber, email);
        return result.IsVerified ? $"verified, contract tier {result.ContractTier}" : "not verified";
    }
}
