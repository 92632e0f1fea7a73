using Assistant.Knowledge.Articles;
using Assistant.Knowledge.Retrieval;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.SelfService;

public static class SelfServiceSetup
{
    /// <summary>The shipped articles with the admins' published versions, indexed in memory at start (a malformed article file fails the start with its name), and the outcome log.</summary>
    public static IServiceCollection AddSelfService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SelfServiceOptions>()
            .Bind(configuration.GetSection(SelfServiceOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.OfferThreshold <= o.AnswerThreshold, "Assistant:SelfService:OfferThreshold must not be above AnswerThreshold.")
            .ValidateOnStart();
        services.AddSingleton<ArticleVersions>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SelfServiceOptions>>().Value;
            var shipped = options.Enabled ? ArticleDirectory.Load(options.ResolveDirectory()) : [];
            return new ArticleCatalog(shipped, provider.GetRequiredService<ArticleVersions>());
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SelfServiceOptions>>().Value;
            // The shipped files with the admins' publications over them.
            return new KnowledgeBase(provider.GetRequiredService<ArticleCatalog>().Served(), new RetrievalThresholds(options.AnswerThreshold, options.OfferThreshold));
        });
        services.AddSingleton<SelfServiceLog>();
        services.AddSingleton<SelfServiceDesk>();
        services.AddSingleton<SemanticKernel.GroundedAnswerer>();
        return services;
    }
}
