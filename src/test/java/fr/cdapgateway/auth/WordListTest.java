package fr.cdapgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class WordListTest {

    @Test
    void findsExactlyTheListedWordsInLowerCaseAndLongEnough() {
        WordList list = WordList.of(List.of("Soleil", "abc", "  mot ", "été", "zèbre", "soleil", "étoile"), 4);

        assertThat(list.size()).as("distinct, at least 4 characters").isEqualTo(3);
        assertThat(list.contains("été")).as("3 characters, not kept").isFalse();
        assertThat(list.contains("soleil")).isTrue();
        assertThat(list.contains("zèbre")).as("non-ASCII, after every ASCII word in byte order").isTrue();
        assertThat(list.contains("étoile")).isTrue();
        assertThat(list.contains("abc")).as("too short, not kept").isFalse();
        assertThat(list.contains("mot")).as("too short once trimmed").isFalse();
        assertThat(list.contains("Soleil")).as("the list is lower case").isFalse();
        assertThat(list.contains("solei")).as("a prefix is not a word").isFalse();
        assertThat(list.contains("soleils")).as("nor a longer word").isFalse();
        assertThat(list.contains("")).isFalse();
    }

    @Test
    void anEmptyListHoldsNothing() {
        assertThat(WordList.of(List.of(), 4).contains("soleil")).isFalse();
    }

    @Test
    void theShippedListOfCommonPasswordsIsLoaded() {
        WordList common = WordList.load("/dictionaries/passwords.txt", 4);

        assertThat(common.size()).isGreaterThan(90_000);
        assertThat(common.contains("password")).isTrue();
        assertThat(common.contains("sunshine")).isTrue();
        assertThat(common.contains("cheval-agrafe-tournesol")).isFalse();
        assertThatThrownBy(() -> WordList.load("/dictionaries/absent.txt", 4)).isInstanceOf(IllegalStateException.class);
    }
}
