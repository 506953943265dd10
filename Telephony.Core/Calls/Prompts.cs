namespace Telephony.Core.Calls;

/// <summary>Everything the hotline says, in English and French. Wording changes bump the prompt version.</summary>
internal static class Prompts
{
    public static string Welcome(CallLanguage l) => Pick(l,
        "Thank you for calling.",
        "Merci d'avoir appelé.");

    public static string Disclosure(CallLanguage l) => Pick(l,
        "This call may be recorded for quality and training. Press 8 at any time in the menu to opt out of recording.",
        "Cet appel peut être enregistré à des fins de qualité et de formation. Appuyez sur 8 à tout moment dans le menu pour refuser l'enregistrement.");

    public static string Menu(CallLanguage l) => Pick(l,
        "For sales, press 1. For support, press 2. To leave a voicemail, press 9. To hear these options again, press star. To opt out of recording, press 8. Pour le français, appuyez sur 0.",
        "Pour les ventes, appuyez sur 1. Pour le soutien technique, appuyez sur 2. Pour laisser un message vocal, appuyez sur 9. Pour réécouter ces options, appuyez sur étoile. Pour refuser l'enregistrement, appuyez sur 8.");

    public static string NotUnderstood(CallLanguage l) => Pick(l,
        "Sorry, I didn't get that.",
        "Désolé, je n'ai pas compris.");

    public static string OptedOut(CallLanguage l) => Pick(l,
        "You have opted out of recording. The rest of this call will not be recorded.",
        "Vous avez refusé l'enregistrement. La suite de cet appel ne sera pas enregistrée.");

    public static string Connecting(CallLanguage l, CallRoute route) => route == CallRoute.Sales
        ? Pick(l, "Connecting you to sales.", "Nous vous transférons aux ventes.")
        : Pick(l, "Connecting you to support.", "Nous vous transférons au soutien technique.");

    public static string VoicemailPrompt(CallLanguage l) => Pick(l,
        "Please leave a message after the tone. Press the pound key when you are finished.",
        "Veuillez laisser un message après le signal sonore. Appuyez sur le carré lorsque vous avez terminé.");

    public static string NoMessage(CallLanguage l) => Pick(l,
        "We did not receive a message. Goodbye.",
        "Nous n'avons reçu aucun message. Au revoir.");

    public static string MessageReceived(CallLanguage l) => Pick(l,
        "Thank you, your message has been received. Goodbye.",
        "Merci, votre message a bien été reçu. Au revoir.");

    public static string Goodbye(CallLanguage l) => Pick(l,
        "Thank you for calling. Goodbye.",
        "Merci d'avoir appelé. Au revoir.");

    public static string Apology(CallLanguage l) => Pick(l,
        "We're sorry, we are having technical difficulties.",
        "Nous sommes désolés, nous éprouvons des difficultés techniques.");

    public static string Unavailable(CallLanguage l) => Pick(l,
        "We're sorry, we cannot take your call right now. Please try again later. Goodbye.",
        "Nous sommes désolés, nous ne pouvons pas prendre votre appel pour le moment. Veuillez rappeler plus tard. Au revoir.");

    private static string Pick(CallLanguage l, string english, string french) => l == CallLanguage.French ? french : english;
}
