/// `weasel-attribution`: a claim attributed to an unnamed or vague holder.
///
/// Matches a fixed list of phrases, case-insensitively on word boundaries: vague groups
/// ("experts say", "many believe", "critics argue", "local media", "a lot of voices"), agentless
/// reporting ("it is known", "it is said", "has been documented", "allegedly", "reportedly"),
/// vague sources ("according to some", "according to official ...", "according to statements",
/// "conservative estimates") and unnamed authorities ("a senior NATO commander", "officials
/// say"). A phrase is not a hit when its sentence carries a citation, note marker or URL, or
/// when it lies in code, a comment or front matter. Hedges without an attribution ("it seems")
/// and named holders ("police stated") are never listed.
enum WeaselAttributionRule {
    /// The rule id.
    static let id = RuleID.weaselAttribution

    /// The message, naming the words matched.
    static func message(_ words: String) -> String { "weasel attribution: '\(words)' names no source" }

    /// The phrases, lowercase; `*` is any one word.
    static let phrases: [String] = {
        var list: [String] = []
        let holders = [
            "experts", "many", "some", "critics", "sources", "observers", "analysts", "officials", "scientists",
            "researchers", "many people", "some people", "others", "commentators", "insiders",
            "some experts", "many experts", "some critics", "many observers", "historians",
        ]
        let verbs = [
            "say", "said", "believe", "believed", "argue", "argued", "claim", "claimed", "think", "see", "note",
            "noted", "suggest", "suggested", "agree", "feel", "fear", "warn", "warned", "contend", "maintain",
            "estimate", "estimated", "report", "reported",
        ]
        for holder in holders {
            for verb in verbs { list.append("\(holder) \(verb)") }
        }
        for verb in [
            "known", "said", "believed", "thought", "claimed", "reported", "rumoured", "rumored", "predicted",
            "estimated", "expected", "assumed", "understood", "alleged", "feared", "argued", "suggested",
            "documented", "widely believed", "widely known", "well known", "generally believed",
            "generally accepted", "widely accepted", "common knowledge", "also known", "also well known",
        ] {
            list.append("it is \(verb)")
            list.append("it was \(verb)")
            list.append("it has been \(verb)")
            list.append("it had been \(verb)")
        }
        list += [
            "is well known", "is also well known", "is widely known", "are well known", "is widely believed",
            "has been documented", "have been documented", "had been documented", "has been reported",
            "have been reported", "has been claimed", "has been suggested",
            "allegedly", "reportedly", "supposedly", "purportedly", "rumour has it", "rumor has it",
            "according to some", "according to many", "according to sources", "according to reports",
            "according to official", "according to unofficial", "according to statements", "according to estimates",
            "according to experts", "according to observers", "according to analysts", "according to rumours",
            "according to rumors", "according to media", "according to local media",
            "conservative estimates", "estimates are", "estimates suggest", "studies show", "studies have shown",
            "research shows", "research has shown", "a lot of voices", "many voices", "some voices",
            "local media", "media reports", "the media say", "the media says", "some media", "many media",
            "there are those who", "there are reports", "word has it", "people are saying", "everyone knows",
            "everybody knows", "a senior *", "senior officials", "unnamed officials", "anonymous sources",
            "an unnamed", "an anonymous", "suggests a senior", "says a senior", "said a senior",
        ]
        return list
    }()

    /// The matcher over `phrases`.
    static let matcher = PhraseMatcher(phrases)

    /// Hits in a document.
    static func hits(_ context: HeuristicContext) -> [HeuristicHit] {
        let buffer = context.buffer
        var result: [HeuristicHit] = []
        for match in context.weaselMatches {
            var range = match.range
            // "a senior *" needs an authority noun within two words: "a senior NATO commander".
            if matcher.phrases[match.index] == "a senior *" || matcher.phrases[match.index].hasSuffix("a senior") {
                guard let extended = authorityEnd(buffer, from: range.upperBound, ceiling: match.limit) else { continue }
                range = range.lowerBound..<extended
            }
            if context.isOpaque(range.lowerBound) { continue }
            result.append(HeuristicHit(rule: id, message: message(context.string(range)), range: range))
        }
        return result
    }

    /// Nouns naming an unnamed authority after "a senior ...".
    static let authorityNouns = ByteWordSet([
            "official", "officials", "commander", "officer", "diplomat", "source", "minister", "adviser", "advisor",
            "aide", "general", "analyst", "expert", "figure", "member", "executive", "politician", "spokesman",
        ])

    /// End of an authority noun among the next two words, or nil.
    static func authorityEnd(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int, ceiling: Int) -> Int? {
        // The wildcard already took one word; it may be the noun itself.
        let previous = HeuristicBytes.wordsBefore(buffer, offset, count: 1, floor: 0)
        if let word = previous.first, authorityNouns.contains(buffer, word) { return word.upperBound }
        for word in HeuristicBytes.wordsAfter(buffer, offset, count: 2, ceiling: ceiling)
        where authorityNouns.contains(buffer, word) {
            return word.upperBound
        }
        return nil
    }
}
