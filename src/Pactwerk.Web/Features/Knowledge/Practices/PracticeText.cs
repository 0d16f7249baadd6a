using System.Globalization;
using System.Text;
using Ganss.Xss;
using Lucene.Net.Analysis.Nl;
using SnowballDutch = Lucene.Net.Tartarus.Snowball.Ext.DutchStemmer;
using Markdig;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// The text of practices: Markdown to safe HTML and to plain text, and Dutch words to the stems the
/// search indexes hold. The stemmer is Snowball's Dutch stemmer, the same algorithm PostgreSQL's
/// 'dutch' configuration uses, so both databases find the same practices.
/// </summary>
public static class PracticeText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras().UsePipeTables().UseAutoLinks().DisableHtml().Build();

    /// <summary>
    /// Partners write the Markdown, strangers read it: whatever the Markdown holds, only plain
    /// structure survives (no script, iframe, style, event handlers or javascript: links).
    /// </summary>
    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "strong", "em", "del", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "h5", "h6",
                     "a", "table", "thead", "tbody", "tr", "th", "td", "hr" })
            sanitizer.AllowedTags.Add(tag);
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.Add("href");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedCssProperties.Clear();
        return sanitizer;
    }

    private static readonly ThreadLocal<HtmlSanitizer> Sanitizer = new(CreateSanitizer);

    /// <summary>Markdown as HTML that is safe to put in a page. Headings start at h3: the page has h1 and h2.</summary>
    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return "";
        var html = Markdown.ToHtml(markdown, Pipeline)
            .Replace("<h1", "<h3").Replace("</h1>", "</h3>").Replace("<h2", "<h4").Replace("</h2>", "</h4>");
        return Sanitizer.Value!.Sanitize(html);
    }

    /// <summary>Markdown as plain text, for snippets and relatedness.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, Pipeline).Trim();

    /// <summary>
    /// Word forms the Dutch stemmer leaves apart although a reader means the same thing: on
    /// PostgreSQL 'techniek' stems to techniek and 'technische' to technisch. Each stem here is
    /// indexed with its canonical word as well, and a query word with this stem is searched as the
    /// canonical word. (omscholen/omscholing and opleiden/opleiding already share a stem.)
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Synonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["technisch"] = "techniek",
        ["technici"] = "techniek",
        ["technicus"] = "techniek",
    };

    /// <summary>The words of a text: letters and digits, lower case; everything else separates.</summary>
    public static IEnumerable<(int Start, int Length)> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
                i++;
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
                i++;
            if (i > start)
                yield return (start, i - start);
        }
    }

    public static bool IsStopWord(string lowerWord) => DutchAnalyzer.DefaultStopSet.Contains(lowerWord);

    /// <summary>The Snowball Dutch stem of one lower-case word (diacritics removed, as the algorithm does).</summary>
    public static string Stem(string lowerWord)
    {
        if (StemOf.TryGetValue(lowerWord, out var known))
            return known;
        var stemmer = Stemmer.Value!;
        stemmer.SetCurrent(lowerWord);
        stemmer.Stem();
        var stem = stemmer.Current;
        // A snippet stems the words of the texts it shows on every search; a language has far fewer
        // word forms than that, so they are kept, up to a bound that hostile text cannot pass.
        if (StemOf.Count < MaxKeptStems)
            StemOf.TryAdd(lowerWord, stem);
        return stem;
    }

    private const int MaxKeptStems = 200_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> StemOf = new(StringComparer.Ordinal);

    private static readonly ThreadLocal<SnowballDutch> Stemmer = new(() => new SnowballDutch());

    /// <summary>The stems of a text's words, stop words left out, in order.</summary>
    public static IEnumerable<string> Stems(string text)
    {
        foreach (var (start, length) in Words(text))
        {
            var word = text.Substring(start, length).ToLower(CultureInfo.InvariantCulture);
            if (!IsStopWord(word))
                yield return Stem(word);
        }
    }

    /// <summary>The stemmed text for the SQLite index: stems separated by spaces, with the synonyms' canonical stems added.</summary>
    public static string StemmedText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var stem in Stems(text))
        {
            sb.Append(stem).Append(' ');
            if (Synonyms.TryGetValue(stem, out var canonical))
                sb.Append(Stem(canonical)).Append(' ');
        }
        return sb.ToString();
    }

    /// <summary>The canonical words a text needs indexed besides its own words (see <see cref="Synonyms"/>).</summary>
    public static string SynonymsOf(string text) =>
        string.Join(' ', Stems(text).Select(s => Synonyms.GetValueOrDefault(s)).OfType<string>().Distinct().Order(StringComparer.Ordinal));

    /// <summary>
    /// A snippet of the text around the first words whose stems are among the query's, HTML-escaped,
    /// with those words in &lt;mark&gt;.
    /// </summary>
    public static string Snippet(string text, IReadOnlySet<string> queryStems, int maxWords = 30)
    {
        var words = Words(text).ToList();
        // A text repeats its words: stem each distinct word once.
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool Matches((int Start, int Length) w)
        {
            var word = text.Substring(w.Start, w.Length).ToLower(CultureInfo.InvariantCulture);
            if (seen.TryGetValue(word, out var known))
                return known;
            var stem = Stem(word);
            return seen[word] = queryStems.Contains(stem) || (Synonyms.TryGetValue(stem, out var c) && queryStems.Contains(Stem(c)));
        }
        var first = words.FindIndex(w => Matches(w));
        var from = Math.Max(0, (first < 0 ? 0 : first) - 8);
        var to = Math.Min(words.Count, from + maxWords);
        if (words.Count == 0)
            return "";
        var sb = new StringBuilder();
        if (from > 0)
            sb.Append("… ");
        var position = words[from].Start;
        for (var i = from; i < to; i++)
        {
            var (start, length) = words[i];
            sb.Append(System.Net.WebUtility.HtmlEncode(text[position..start]).ReplaceLineEndings(" "));
            var word = System.Net.WebUtility.HtmlEncode(text.Substring(start, length));
            sb.Append(Matches(words[i]) ? $"<mark>{word}</mark>" : word);
            position = start + length;
        }
        if (to < words.Count)
            sb.Append(" …");
        return sb.ToString();
    }
}
